package kz.clinicai.chat.telegram;

import java.time.Clock;
import kz.clinicai.chat.store.ChatTable;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.secrets.SecretStore;

/**
 * Composition root of {@link TelegramSendWorker}. Reads CHAT_TABLE, TELEGRAM_OUTBOX_QUEUE_URL,
 * TELEGRAM_API_BASE_URL, TELEGRAM_SECRET_NAME (the Secrets Manager secret whose {@code bot_token} is used; read at
 * run time, cached with a TTL), CHAT_HANDOFF_TIMEOUT_SECONDS (boards leave out, and return to the assistant,
 * hand-offs older than this) plus the AWS variables {@link AwsClients} reads.
 */
public final class TelegramSendModule {

    private final TelegramSender sender;

    TelegramSendModule(Env env) {
        AwsClients aws = new AwsClients(env);
        ChatTable table = new ChatTable(aws.dynamoDbEnhanced(), env.required("CHAT_TABLE"));
        TelegramOutbox outbox = new SqsTelegramOutbox(aws.sqs(), env.required("TELEGRAM_OUTBOX_QUEUE_URL"));
        TelegramClient client = new HttpTelegramClient(
                env.uri("TELEGRAM_API_BASE_URL").orElse(HttpTelegramClient.DEFAULT_BASE_URL),
                SecretStore.from(aws).fieldSupplier(env.required("TELEGRAM_SECRET_NAME"), "bot_token"));
        // Boards of waiting chats are rendered here, when sent: a burst of hand-offs becomes one message.
        var board = new kz.clinicai.chat.operator.WaitingBoard(new kz.clinicai.chat.conversation.DynamoDbChatRepository(table),
                new kz.clinicai.chat.operator.DynamoDbBoardStore(table), client, Clock.systemUTC(),
                env.seconds("CHAT_HANDOFF_TIMEOUT_SECONDS", java.time.Duration.ofMinutes(5)));
        this.sender = new TelegramSender(client, outbox, new DynamoDbSentMessageLog(table), Clock.systemUTC(), board);
    }

    public static TelegramSendModule fromEnv() {
        return new TelegramSendModule(Env.current());
    }

    TelegramSender sender() {
        return sender;
    }
}
