package kz.clinicai.chat.visitor;

import java.time.Clock;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.DynamoDbChatRepository;
import kz.clinicai.chat.operator.DynamoDbOperatorRepository;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.ratelimit.ChatRateLimits;
import kz.clinicai.chat.reply.SqsReplyJobs;
import kz.clinicai.chat.store.ChatTable;
import kz.clinicai.chat.telegram.SqsTelegramOutbox;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.ratelimit.DynamoDbRateLimiter;

/**
 * Composition root of {@link ChatApiHandler}. Reads CHAT_TABLE, CHAT_QUEUE_URL, TELEGRAM_OUTBOX_QUEUE_URL
 * (operator calls), CHAT_RATE_LIMIT_PER_MINUTE (per token, default 20), CHAT_IP_RATE_LIMIT_PER_MINUTE
 * (default 600), CHAT_HANDOFF_TIMEOUT_SECONDS (default 300: an untaken hand-off returns to the assistant when
 * the visitor next polls) and the AWS variables.
 */
public final class ChatApiModule {

    public static final int DEFAULT_TOKEN_LIMIT = 20;
    public static final int DEFAULT_IP_LIMIT = 600;

    private final VisitorService service;
    private final WidgetAssets assets;

    ChatApiModule(Env env) {
        AwsClients aws = new AwsClients(env);
        String tableName = env.required("CHAT_TABLE");
        ChatTable table = new ChatTable(aws.dynamoDbEnhanced(), tableName);
        ChatRepository chats = new DynamoDbChatRepository(table);
        OperatorDispatch dispatch = new OperatorDispatch(chats, new DynamoDbOperatorRepository(table),
                new SqsTelegramOutbox(aws.sqs(), env.required("TELEGRAM_OUTBOX_QUEUE_URL")));
        ChatRateLimits limits = new ChatRateLimits(DynamoDbRateLimiter.keyedByPkAndSk(aws.dynamoDb(), tableName),
                env.intValue("CHAT_RATE_LIMIT_PER_MINUTE", DEFAULT_TOKEN_LIMIT),
                env.intValue("CHAT_IP_RATE_LIMIT_PER_MINUTE", DEFAULT_IP_LIMIT));
        this.service = new VisitorService(chats, new SqsReplyJobs(aws.sqs(), env.required("CHAT_QUEUE_URL")), limits,
                dispatch, Clock.systemUTC(), env.seconds("CHAT_HANDOFF_TIMEOUT_SECONDS", java.time.Duration.ofMinutes(5)));
        this.assets = new WidgetAssets();
    }

    public static ChatApiModule fromEnv() {
        return new ChatApiModule(Env.current());
    }

    VisitorService service() {
        return service;
    }

    WidgetAssets assets() {
        return assets;
    }
}
