package kz.clinicai.shared.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiPriming;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.secrets.SecretStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a primer's twin meets: every endpoint on the in-JVM priming server (nothing of the real environment's
 * endpoints or credentials survives), AWS and OpenAI calls that succeed with empty answers, placeholder secrets;
 * a primer that fails never breaks the function's init.
 */
class PrimingTest {

    private static final Env REAL = Env.of(Map.of(
            "AWS_REGION", "eu-central-1",
            "AWS_ACCESS_KEY_ID", "AKIAREALKEY", "AWS_SECRET_ACCESS_KEY", "real-secret",
            "AWS_ENDPOINT_URL_DYNAMODB", "https://dynamodb.eu-central-1.amazonaws.com",
            "OPENAI_BASE_URL", "https://api.openai.com/v1", "OPENAI_SECRET_NAME", "clinicai/openai",
            "CHAT_TABLE", "chat"));

    @Test
    void theTwinTalksOnlyToThePrimingServerAndItsCallsSucceed() {
        List<String> seen = new ArrayList<>();
        Priming.prime("TestFunction", REAL, env -> {
            URI dynamo = env.uri("AWS_ENDPOINT_URL_DYNAMODB").orElseThrow();
            URI openAi = env.uri("OPENAI_BASE_URL").orElseThrow();
            assertThat(dynamo.getHost()).isEqualTo("127.0.0.1");
            assertThat(openAi.getHost()).isEqualTo("127.0.0.1");
            assertThat(env.required("AWS_ACCESS_KEY_ID")).isEqualTo("priming");
            assertThat(env.required("CHAT_TABLE")).isEqualTo("chat");
            try (AwsClients aws = new AwsClients(env)) {
                var item = aws.dynamoDb().getItem(b -> b.tableName("chat")
                        .key(Map.of("pk", AttributeValue.fromS("x"))));
                seen.add("dynamo item " + item.hasItem());
                var sent = aws.sqs().sendMessage(b -> b.queueUrl(env.required("AWS_ENDPOINT_URL_SQS") + "/000/q")
                        .messageBody("hello"));
                seen.add("sqs " + sent.messageId());
                SecretStore secrets = SecretStore.from(aws);
                seen.add("secret " + secrets.field("clinicai/openai", "api_key"));
                seen.add("openai " + OpenAiPriming.respond(OpenAiClients.create(OpenAiSettings.fromEnv(env, secrets)),
                        "gpt-4.1-mini"));
            }
        });

        assertThat(seen).containsExactly("dynamo item false", "sqs priming", "secret priming", "openai priming");
    }

    @Test
    void aFailingPrimerIsLoggedNotThrown() {
        List<String> ran = new ArrayList<>();
        Duration took = Priming.prime("TestFunction", REAL, env -> {
            ran.add("primer");
            throw new IllegalStateException("boom");
        });

        assertThat(ran).containsExactly("primer");
        assertThat(took).isNotNull();
    }
}
