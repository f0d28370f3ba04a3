package kz.clinicai.chat.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lambda events as API Gateway (payload 2.0) and SQS deliver them. */
public final class Events {

    private Events() {
    }

    public static APIGatewayV2HTTPEvent http(String method, String path, Map<String, String> headers, String body) {
        return http(method, path, headers, body, "203.0.113.7");
    }

    public static APIGatewayV2HTTPEvent http(String method, String path, Map<String, String> headers, String body,
                                             String sourceIp) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withSourceIp(sourceIp).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).withRequestId("req-1")
                .withRouteKey(method + " " + path.replaceFirst("(.)/$", "$1")).build();
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        // The chat's routes are literal paths: API Gateway's route key is the declared path, which never ends in
        // "/", whatever slash the caller sent (rawPath keeps it).
        String routeKey = method + " " + path.replaceFirst("(.)/$", "$1");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withHeaders(lower)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }

    /**
     * Records of one message group of a FIFO queue, as Lambda delivers them: the queue's ARN (ending in
     * {@code .fifo}) and the group in each record's attributes.
     */
    public static SQSEvent fifo(String groupId, String... bodies) {
        SQSEvent event = sqs(bodies);
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            record.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:chat-replies.fifo");
            record.setAttributes(Map.of("MessageGroupId", groupId, "ApproximateReceiveCount", "1"));
        }
        return event;
    }

    public static SQSEvent sqs(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("m" + (i + 1));
            record.setReceiptHandle("receipt-" + (i + 1));
            record.setBody(bodies[i]);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
