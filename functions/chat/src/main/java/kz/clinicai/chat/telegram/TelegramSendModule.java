package kz.clinicai.chat.telegram;

import java.time.Clock;
import kz.clinicai.chat.store.ChatTable;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;

/**
 * Composition root of {@link TelegramSendWorker}. Reads CHAT_TABLE, TELEGRAM_OUTBOX_QUEUE_URL,
 * TELEGRAM_API_BASE_URL, TELEGRAM_BOT_TOKEN (plus the AWS variables {@link AwsClients} reads).
 */
public final class TelegramSendModule {

    private final TelegramSender sender;

    TelegramSendModule(Env env) {
        AwsClients aws = new AwsClients(env);
        ChatTable table = new ChatTable(aws.dynamoDbEnhanced(), env.required("CHAT_TABLE"));
        TelegramOutbox outbox = new SqsTelegramOutbox(aws.sqs(), env.required("TELEGRAM_OUTBOX_QUEUE_URL"));
        TelegramClient client = new HttpTelegramClient(
                env.uri("TELEGRAM_API_BASE_URL").orElse(HttpTelegramClient.DEFAULT_BASE_URL),
                env.required("TELEGRAM_BOT_TOKEN"));
        this.sender = new TelegramSender(client, outbox, new DynamoSentMessageLog(table), Clock.systemUTC());
    }

    public static TelegramSendModule fromEnv() {
        return new TelegramSendModule(Env.current());
    }

    TelegramSender sender() {
        return sender;
    }
}
