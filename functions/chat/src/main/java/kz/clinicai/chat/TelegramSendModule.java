package kz.clinicai.chat;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.chat.operator.DynamoDbBoardStore;
import kz.clinicai.chat.operator.WaitingBoard;
import kz.clinicai.chat.telegram.DynamoDbSentMessageLog;
import kz.clinicai.chat.telegram.HttpTelegramClient;
import kz.clinicai.chat.telegram.TelegramClient;
import kz.clinicai.chat.telegram.TelegramSender;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.secrets.SecretStore;

/**
 * Composition root of {@link TelegramSendHandler}. Reads CHAT_TABLE, TELEGRAM_OUTBOX_QUEUE_URL,
 * TELEGRAM_API_BASE_URL, TELEGRAM_SECRET_NAME (the Secrets Manager secret whose {@code bot_token} is used; read at
 * run time, cached with a TTL), CHAT_HANDOFF_TIMEOUT_SECONDS (boards leave out, and return to the assistant,
 * hand-offs older than this) plus the AWS variables.
 */
final class TelegramSendModule {

    static final String BOT_TOKEN_KEY = "bot_token";
    static final Duration DEFAULT_HANDOFF_TIMEOUT = Duration.ofMinutes(5);

    private final TelegramSender sender;

    private TelegramSendModule(TelegramSender sender) {
        this.sender = sender;
    }

    static TelegramSendModule fromEnv(Env env) {
        ChatWiring wiring = new ChatWiring(env);
        TelegramClient client = new HttpTelegramClient(
                env.uri("TELEGRAM_API_BASE_URL").orElse(HttpTelegramClient.DEFAULT_BASE_URL),
                SecretStore.from(wiring.aws).fieldSupplier(env.required("TELEGRAM_SECRET_NAME"), BOT_TOKEN_KEY));
        // Boards of waiting chats are rendered here, when sent: a burst of hand-offs becomes one message.
        WaitingBoard board = new WaitingBoard(wiring.chats, new DynamoDbBoardStore(wiring.table), client,
                Clock.systemUTC(), env.seconds("CHAT_HANDOFF_TIMEOUT_SECONDS", DEFAULT_HANDOFF_TIMEOUT));
        return new TelegramSendModule(new TelegramSender(client, wiring.outbox, new DynamoDbSentMessageLog(wiring.table),
                Clock.systemUTC(), board));
    }

    TelegramSender sender() {
        return sender;
    }
}
