package kz.clinicai.shared.snapstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The synthetic events and Context a {@link Priming.Primer} feeds its twin: shaped like API Gateway's and SQS's. */
public final class SyntheticEvents {

    private SyntheticEvents() {
    }

    /** An HTTP API (payload 2.0) request from 127.0.0.1. */
    public static APIGatewayV2HTTPEvent http(String method, String routeKey, String path, Map<String, String> pathParameters,
                                             Map<String, String> headers, String body) {
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        allHeaders.putIfAbsent("user-agent", "priming");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(allHeaders)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withRequestId("priming")
                        .withStage("$default")
                        .withTimeEpoch(System.currentTimeMillis())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1").withUserAgent("priming").build())
                        .build())
                .build();
    }

    /** One SQS record with {@code body}, as Lambda's event source mapping delivers it. */
    public static SQSEvent sqs(String queueArn, String body, Map<String, String> attributes) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("priming");
        message.setReceiptHandle("priming");
        message.setBody(body);
        message.setMd5OfBody(PrimingServer.md5(new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        message.setEventSource("aws:sqs");
        message.setEventSourceArn(queueArn);
        message.setAwsRegion("us-east-1");
        Map<String, String> attrs = new LinkedHashMap<>(Map.of("ApproximateReceiveCount", "1",
                "SentTimestamp", Long.toString(System.currentTimeMillis()), "MessageGroupId", "priming",
                "MessageDeduplicationId", "priming"));
        attrs.putAll(attributes);
        message.setAttributes(attrs);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** A Context for the twin's invocations (Powertools logging reads it). */
    public static Context context(String function) {
        return new Context() {
            @Override public String getAwsRequestId() { return "priming"; }
            @Override public String getLogGroupName() { return "/aws/lambda/" + function; }
            @Override public String getLogStreamName() { return "priming"; }
            @Override public String getFunctionName() { return function; }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:000000000000:function:" + function;
            }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return 30_000; }
            @Override public int getMemoryLimitInMB() { return 1024; }
            @Override public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override public void log(String message) { }
                    @Override public void log(byte[] message) { }
                };
            }
        };
    }
}
