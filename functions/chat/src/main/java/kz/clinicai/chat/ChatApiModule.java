package kz.clinicai.chat;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.chat.ratelimit.ChatRateLimits;
import kz.clinicai.chat.reply.SqsReplyJobs;
import kz.clinicai.chat.visitor.VisitorApi;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.ratelimit.DynamoDbRateLimiter;
import kz.clinicai.shared.sqs.SqsSender;

/**
 * Composition root of {@link ChatApiHandler}. Reads CHAT_TABLE, CHAT_QUEUE_URL, TELEGRAM_OUTBOX_QUEUE_URL
 * (operator calls), CHAT_RATE_LIMIT_PER_MINUTE (per token, default 20), CHAT_IP_RATE_LIMIT_PER_MINUTE
 * (default 600), CHAT_HANDOFF_TIMEOUT_SECONDS (default 300: an untaken hand-off returns to the assistant when
 * the visitor next polls) and the AWS variables.
 */
final class ChatApiModule {

    static final int DEFAULT_TOKEN_LIMIT = 20;
    static final int DEFAULT_IP_LIMIT = 600;
    static final Duration DEFAULT_HANDOFF_TIMEOUT = Duration.ofMinutes(5);

    private final VisitorApi api;

    private ChatApiModule(VisitorApi api) {
        this.api = api;
    }

    static ChatApiModule fromEnv(Env env) {
        ChatWiring wiring = new ChatWiring(env);
        ChatRateLimits limits = new ChatRateLimits(
                DynamoDbRateLimiter.keyedByPkAndSk(wiring.aws.dynamoDb(), wiring.tableName),
                env.intValue("CHAT_RATE_LIMIT_PER_MINUTE", DEFAULT_TOKEN_LIMIT),
                env.intValue("CHAT_IP_RATE_LIMIT_PER_MINUTE", DEFAULT_IP_LIMIT));
        return new ChatApiModule(new VisitorApi(wiring.chats,
                new SqsReplyJobs(new SqsSender<>(wiring.aws.sqs(), env.required("CHAT_QUEUE_URL"))), limits, wiring.dispatch(),
                Clock.systemUTC(), env.seconds("CHAT_HANDOFF_TIMEOUT_SECONDS", DEFAULT_HANDOFF_TIMEOUT)));
    }

    VisitorApi api() {
        return api;
    }
}
