package kz.clinicai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.config.MissingEnvironmentException;
import org.junit.jupiter.api.Test;

/**
 * What each composition root reads: the list template.yaml must declare per function (the template contract
 * test compares the two after the merge). Building a root makes no network call.
 */
class ModuleEnvironmentTest {

    static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("AWS_REGION", "us-east-1"),
            Map.entry("AWS_ACCESS_KEY_ID", "test"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "test"),
            Map.entry("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"),
            Map.entry("CHAT_TABLE", "chat"),
            Map.entry("CHAT_QUEUE_URL", "http://127.0.0.1:9324/000000000000/chat-replies.fifo"),
            Map.entry("TELEGRAM_OUTBOX_QUEUE_URL", "http://127.0.0.1:9324/000000000000/telegram-outbox"),
            Map.entry("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081"),
            Map.entry("TELEGRAM_SECRET_NAME", "clinicai/telegram"),
            Map.entry("TELEGRAM_ADMIN_IDS", "100, 200"),
            Map.entry("OPENAI_SECRET_NAME", "clinicai/openai"),
            Map.entry("USAGE_TABLE", "usage"),
            Map.entry("OPENAI_BASE_URL", "http://127.0.0.1:8082/v1"));

    static Set<String> read(Supplier<Object> init) {
        Set<String> names = new TreeSet<>(Env.scoped(ENV, init).namesRead());
        names.removeAll(Env.PLATFORM_PROVIDED);
        return names;
    }

    @Test
    void chatApiReadsItsTableQueuesAndLimits() {
        assertThat(read(() -> ChatApiModule.fromEnv(Env.current()))).containsExactlyInAnyOrder("CHAT_TABLE", "CHAT_QUEUE_URL",
                "TELEGRAM_OUTBOX_QUEUE_URL", "CHAT_RATE_LIMIT_PER_MINUTE", "CHAT_IP_RATE_LIMIT_PER_MINUTE",
                "CHAT_HANDOFF_TIMEOUT_SECONDS");
    }

    @Test
    void replyWorkerReadsTableOutboxModelAndOpenAi() {
        assertThat(read(() -> ChatReplyModule.fromEnv(Env.current()))).containsExactlyInAnyOrder("CHAT_TABLE", "TELEGRAM_OUTBOX_QUEUE_URL",
                "CHAT_HISTORY_LIMIT", "CHAT_MODEL", "CHAT_REASONING_EFFORT", "CHAT_ASSISTANT_NAME", "ASSISTANTS_TABLE", "USAGE_TABLE", "OPENAI_SECRET_NAME", "OPENAI_BASE_URL", "OPENAI_TIMEOUT_SECONDS",
                "OPENAI_MAX_RETRIES", "OPENAI_PROJECT", "CHAT_QUEUE_URL", "CHAT_MODEL_RETRY_SECONDS",
                "CHAT_HANDOFF_TIMEOUT_SECONDS");
    }

    @Test
    void webhookReadsSecretAndAdminsButNotTheBotToken() {
        assertThat(read(() -> TelegramWebhookModule.fromEnv(Env.current()))).containsExactlyInAnyOrder("CHAT_TABLE",
                "TELEGRAM_OUTBOX_QUEUE_URL", "TELEGRAM_SECRET_NAME", "TELEGRAM_ADMIN_IDS");
    }

    @Test
    void sendWorkerReadsTheBotTokenAndApiBase() {
        assertThat(read(() -> TelegramSendModule.fromEnv(Env.current()))).containsExactlyInAnyOrder("CHAT_TABLE",
                "TELEGRAM_OUTBOX_QUEUE_URL", "TELEGRAM_API_BASE_URL", "TELEGRAM_SECRET_NAME", "CHAT_HANDOFF_TIMEOUT_SECONDS");
    }

    @Test
    void aMissingRequiredVariableFailsAtInit() {
        Map<String, String> env = new HashMap<>(ENV);
        env.remove("TELEGRAM_SECRET_NAME");

        assertThatThrownBy(() -> Env.scoped(env, () -> TelegramWebhookModule.fromEnv(Env.current())))
                .isInstanceOf(MissingEnvironmentException.class)
                .hasMessageContaining("TELEGRAM_SECRET_NAME");
    }
}
