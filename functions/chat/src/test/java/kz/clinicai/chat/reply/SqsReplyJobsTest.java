package kz.clinicai.chat.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.sqs.SqsSender;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

class SqsReplyJobsTest {

    @Test
    void enqueuesOnTheFifoQueueGroupedByTokenDeduplicatedByMessageId() throws Exception {
        List<SendMessageRequest> sent = new ArrayList<>();
        SqsClient sqs = new SqsClient() {
            @Override
            public SendMessageResponse sendMessage(SendMessageRequest request) {
                sent.add(request);
                return SendMessageResponse.builder().messageId("sqs-1").build();
            }

            @Override
            public String serviceName() {
                return "sqs";
            }

            @Override
            public void close() {
            }
        };

        new SqsReplyJobs(new SqsSender<>(sqs, "http://127.0.0.1:9324/000000000000/chat-replies.fifo"))
                .enqueue(new ReplyJob("visitor-token-0000000001", "0001712644283609730-abc123"));

        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.queueUrl()).endsWith("chat-replies.fifo");
            assertThat(request.messageGroupId()).isEqualTo("visitor-token-0000000001");
            assertThat(request.messageDeduplicationId()).isEqualTo("0001712644283609730-abc123");
            assertThat(Json.mapper().readValue(request.messageBody(), ReplyJob.class))
                    .isEqualTo(new ReplyJob("visitor-token-0000000001", "0001712644283609730-abc123"));
        });
    }
}
