package kz.clinicai.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import kz.clinicai.shared.json.Json;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;

class LogsTest {

    private static final Logger LOG = LogManager.getLogger(LogsTest.class);

    @Test
    void linesInsideCarryTheRequestIdAndFunctionNameAsJsonFields() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            String result = Logs.withRequestContext(new FakeContext("req-abc-1", "chat-api"), () -> {
                LOG.info("inside");
                return "done";
            });
            LOG.info("outside");

            assertThat(result).isEqualTo("done");
            JsonNode inside = find(logs, "inside");
            assertThat(inside.path("function_request_id").asText()).isEqualTo("req-abc-1");
            assertThat(inside.path("function_name").asText()).isEqualTo("chat-api");
            assertThat(inside.path("level").asText()).isEqualTo("INFO");
            assertThat(find(logs, "outside").path("function_request_id").isNull()).isTrue();
        }
    }

    @Test
    void withoutALambdaContextTheWorkStillRuns() {
        assertThat(Logs.withRequestContext(null, () -> "done")).isEqualTo("done");
    }

    @Test
    void contextIsClearedEvenWhenTheWorkFails() {
        try {
            Logs.withRequestContext(new FakeContext("req-fail", "voicebot"), () -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the context must be gone all the same
        }

        assertThat(ThreadContext.getContext()).doesNotContainValue("req-fail");
    }

    @Test
    void consecutiveInvocationsDoNotLeakIntoEachOther() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            Logs.withRequestContext(new FakeContext("req-1", "f"), () -> {
                LOG.info("first");
                return null;
            });
            Logs.withRequestContext(new FakeContext("req-2", "f"), () -> {
                LOG.info("second");
                return null;
            });

            assertThat(find(logs, "first").path("function_request_id").asText()).isEqualTo("req-1");
            assertThat(find(logs, "second").path("function_request_id").asText()).isEqualTo("req-2");
        }
    }

    private static JsonNode find(CapturedLogs logs, String message) throws Exception {
        for (String line : logs.lines()) {
            JsonNode node = Json.mapper().readTree(line);
            if (message.equals(node.path("message").asText())) {
                return node;
            }
        }
        throw new AssertionError("no line '" + message + "' in " + logs.lines());
    }

    private record FakeContext(String getAwsRequestId, String getFunctionName) implements Context {

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + getFunctionName;
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-central-1:123456789012:function:" + getFunctionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
