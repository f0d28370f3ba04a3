package kz.clinicai.chat;

import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.DynamoDbChatRepository;
import kz.clinicai.chat.operator.DynamoDbOperatorRepository;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.operator.OperatorRepository;
import kz.clinicai.chat.store.DynamoDbChatTable;
import kz.clinicai.chat.telegram.SqsTelegramOutbox;
import kz.clinicai.chat.telegram.TelegramOutbox;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.sqs.SqsSender;

/**
 * What every chat function is built on: the AWS clients, the chat table (CHAT_TABLE) with its chats and operators,
 * and the Telegram outbox (TELEGRAM_OUTBOX_QUEUE_URL: every send to operators is queued). Each module makes one at
 * init; nothing here touches the network.
 */
final class ChatWiring {

    final AwsClients aws;
    final String tableName;
    final DynamoDbChatTable table;
    final ChatRepository chats;
    final OperatorRepository operators;
    final TelegramOutbox outbox;

    ChatWiring(Env env) {
        this.aws = new AwsClients(env);
        this.tableName = env.required("CHAT_TABLE");
        this.table = new DynamoDbChatTable(aws.dynamoDbEnhanced(), tableName);
        this.chats = new DynamoDbChatRepository(table);
        this.operators = new DynamoDbOperatorRepository(table);
        this.outbox = new SqsTelegramOutbox(new SqsSender<>(aws.sqs(), env.required("TELEGRAM_OUTBOX_QUEUE_URL")));
    }

    /** Hand-offs, boards and transcripts for operators. */
    OperatorDispatch dispatch() {
        return new OperatorDispatch(chats, operators, outbox);
    }
}
