package kz.clinicai.chat.operator;

import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.DynamoDbChatRepository;
import kz.clinicai.chat.store.ChatTable;
import kz.clinicai.chat.telegram.DynamoDbSentMessageLog;
import kz.clinicai.chat.telegram.SqsTelegramOutbox;
import kz.clinicai.chat.telegram.TelegramOutbox;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.config.InvalidEnvironmentException;
import kz.clinicai.shared.secrets.SecretStore;

/**
 * Composition root of {@link TelegramWebhookHandler}. Reads CHAT_TABLE, TELEGRAM_OUTBOX_QUEUE_URL,
 * TELEGRAM_SECRET_NAME (the Secrets Manager secret whose {@code webhook_secret} Telegram presents; read at run time,
 * cached with a TTL), TELEGRAM_ADMIN_IDS (comma-separated Telegram user ids) and the AWS variables.
 * Not the bot token: every send goes through the outbox.
 */
public final class TelegramWebhookModule {

    private final OperatorService service;
    /** The keys of the Telegram secret's JSON. */
    public static final String WEBHOOK_SECRET_KEY = "webhook_secret";
    public static final String BOT_TOKEN_KEY = "bot_token";

    private final Supplier<String> secret;

    TelegramWebhookModule(Env env) {
        AwsClients aws = new AwsClients(env);
        ChatTable table = new ChatTable(aws.dynamoDbEnhanced(), env.required("CHAT_TABLE"));
        TelegramOutbox outbox = new SqsTelegramOutbox(aws.sqs(), env.required("TELEGRAM_OUTBOX_QUEUE_URL"));
        this.secret = SecretStore.from(aws).fieldSupplier(env.required("TELEGRAM_SECRET_NAME"), WEBHOOK_SECRET_KEY);
        Set<Long> admins = adminIds(env.get("TELEGRAM_ADMIN_IDS", ""));
        ChatRepository chats = new DynamoDbChatRepository(table);
        OperatorRepository operators = new DynamoDbOperatorRepository(table);
        OperatorDispatch dispatch = new OperatorDispatch(chats, operators, outbox);
        this.service = new OperatorService(chats, operators, dispatch, outbox, new DynamoDbSentMessageLog(table),
                admins, Clock.systemUTC());
    }

    public static TelegramWebhookModule fromEnv() {
        return new TelegramWebhookModule(Env.current());
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

    OperatorService service() {
        return service;
    }

    Supplier<String> secret() {
        return secret;
    }
}
