package kz.clinicai.chat.reply;

import kz.clinicai.shared.openai.ModelCapabilities;
import java.time.Clock;
import java.time.Duration;
import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.conversation.DynamoDbChatRepository;
import kz.clinicai.chat.operator.DynamoDbOperatorRepository;
import kz.clinicai.chat.operator.OperatorDispatch;
import kz.clinicai.chat.store.ChatTable;
import kz.clinicai.chat.telegram.SqsTelegramOutbox;
import kz.clinicai.shared.assistant.DynamoDbAssistantRepository;
import kz.clinicai.shared.aws.AwsClients;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.usage.DynamoDbUsageRepository;
import kz.clinicai.shared.usage.UsageRecorder;

/**
 * Composition root of {@link ChatReplyWorker}. Reads CHAT_TABLE, TELEGRAM_OUTBOX_QUEUE_URL, CHAT_HISTORY_LIMIT
 * (default 30), CHAT_MODEL (default gpt-6-luna), CHAT_REASONING_EFFORT (default low), ASSISTANTS_TABLE and CHAT_ASSISTANT_NAME (default "chat": the
 * stored assistant config that overrides the built-in instructions; no table = built-in only), the OPENAI_*
 * variables of {@link OpenAiSettings#fromEnv}, CHAT_QUEUE_URL (to re-time jobs that wait), CHAT_MODEL_RETRY_SECONDS
 * (default 600), CHAT_HANDOFF_TIMEOUT_SECONDS (default 300) and the AWS variables.
 */
public final class ChatReplyModule {

    public static final String DEFAULT_MODEL = ModelCapabilities.standard().defaultModel("responses");
    /** Text replies that may hand off or search files: a little reasoning, the reply still comes in seconds. */
    public static final String DEFAULT_REASONING_EFFORT = "low";
    public static final int DEFAULT_HISTORY_LIMIT = 30;
    public static final String DEFAULT_ASSISTANT_NAME = "chat";

    public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofMinutes(10);
    public static final Duration DEFAULT_HANDOFF_TIMEOUT = Duration.ofMinutes(5);

    private final ReplyService service;
    private final ReplyQueue queue;

    ChatReplyModule(Env env) {
        AwsClients aws = new AwsClients(env);
        ChatTable table = new ChatTable(aws.dynamoDbEnhanced(), env.required("CHAT_TABLE"));
        ChatRepository chats = new DynamoDbChatRepository(table);
        OperatorDispatch dispatch = new OperatorDispatch(chats, new DynamoDbOperatorRepository(table),
                new SqsTelegramOutbox(aws.sqs(), env.required("TELEGRAM_OUTBOX_QUEUE_URL")));
        int historyLimit = env.intValue("CHAT_HISTORY_LIMIT", DEFAULT_HISTORY_LIMIT);
        ChatInstructions builtIn = new ResourceChatInstructions(env.get("CHAT_MODEL", DEFAULT_MODEL),
                ResourceChatInstructions.DEFAULT_RESOURCE);
        String assistantName = env.get("CHAT_ASSISTANT_NAME", DEFAULT_ASSISTANT_NAME);
        ChatInstructions assistant = env.optional("ASSISTANTS_TABLE")
                .<ChatInstructions>map(assistantsTable -> new StoredChatInstructions(
                        new DynamoDbAssistantRepository(aws.dynamoDbEnhanced(), assistantsTable), assistantName, builtIn))
                .orElse(builtIn);
        UsageRecorder usage = new DynamoDbUsageRepository(aws.dynamoDb(), env.required("USAGE_TABLE"));
        ChatModel model = new OpenAiChatModel(OpenAiClients.create(OpenAiSettings.fromEnv(env, SecretStore.from(aws))),
                usage, assistantName, Clock.systemUTC(),
                ModelTuning.effortFromEnv(env, "CHAT_REASONING_EFFORT", DEFAULT_REASONING_EFFORT));
        ReplyService.Reliability reliability = new ReplyService.Reliability(
                env.seconds("CHAT_MODEL_RETRY_SECONDS", DEFAULT_RETRY_WINDOW),
                env.seconds("CHAT_HANDOFF_TIMEOUT_SECONDS", DEFAULT_HANDOFF_TIMEOUT));
        this.queue = new SqsReplyJobs(aws.sqs(), env.required("CHAT_QUEUE_URL"));
        this.service = new ReplyService(chats, model, assistant, dispatch, historyLimit, Clock.systemUTC(), reliability);
    }

    public static ChatReplyModule fromEnv() {
        return new ChatReplyModule(Env.current());
    }

    ReplyService service() {
        return service;
    }

    ReplyQueue queue() {
        return queue;
    }
}
