package kz.clinicai.chat;

import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kz.clinicai.chat.operator.OperatorService;
import kz.clinicai.chat.operator.OperatorWebhook;
import kz.clinicai.chat.telegram.DynamoDbSentMessageLog;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.config.InvalidEnvironmentException;
import kz.clinicai.shared.secrets.SecretStore;

/**
 * Composition root of {@link TelegramWebhookHandler}. Reads CHAT_TABLE, TELEGRAM_OUTBOX_QUEUE_URL,
 * TELEGRAM_SECRET_NAME (the Secrets Manager secret whose {@code webhook_secret} Telegram presents; read at run time,
 * cached with a TTL), TELEGRAM_ADMIN_IDS (comma-separated Telegram user ids) and the AWS variables.
 * Not the bot token: every send goes through the outbox.
 */
final class TelegramWebhookModule {

    /** The key of the Telegram secret's JSON that Telegram presents with every update. */
    static final String WEBHOOK_SECRET_KEY = "webhook_secret";

    private final OperatorWebhook webhook;

    private TelegramWebhookModule(OperatorWebhook webhook) {
        this.webhook = webhook;
    }

    static TelegramWebhookModule fromEnv(Env env) {
        ChatWiring wiring = new ChatWiring(env);
        Supplier<String> secret = SecretStore.from(wiring.aws)
                .fieldSupplier(env.required("TELEGRAM_SECRET_NAME"), WEBHOOK_SECRET_KEY);
        Set<Long> admins = adminIds(env.get("TELEGRAM_ADMIN_IDS", ""));
        OperatorService service = new OperatorService(wiring.chats, wiring.operators, wiring.dispatch(), wiring.outbox,
                new DynamoDbSentMessageLog(wiring.table), admins, Clock.systemUTC());
        return new TelegramWebhookModule(new OperatorWebhook(service, secret));
    }

    static Set<Long> adminIds(String list) {
        try {
            return Arrays.stream(list.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .map(Long::parseLong)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (NumberFormatException e) {
            throw new InvalidEnvironmentException("TELEGRAM_ADMIN_IDS", list, "comma-separated Telegram user ids");
        }
    }

    OperatorWebhook webhook() {
        return webhook;
    }
}
