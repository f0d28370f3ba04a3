package kz.clinicai.chat;

import java.time.Clock;
import java.time.Duration;
import kz.clinicai.chat.reply.ChatInstructions;
import kz.clinicai.chat.reply.ChatModel;
import kz.clinicai.chat.reply.ChatReplyWorker;
import kz.clinicai.chat.reply.OpenAiChatModel;
import kz.clinicai.chat.reply.ReplyService;
import kz.clinicai.chat.reply.ResourceChatInstructions;
import kz.clinicai.chat.reply.ReplyJob;
import kz.clinicai.chat.reply.StoredChatInstructions;
import kz.clinicai.shared.assistant.DynamoDbAssistantRepository;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.openai.ModelCapabilities;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.openai.OpenAiClients;
import kz.clinicai.shared.openai.OpenAiSettings;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.sqs.SqsSender;
import kz.clinicai.shared.usage.DynamoDbUsageRepository;
import kz.clinicai.shared.usage.UsageRecorder;

/**
 * Composition root of {@link ChatReplyHandler}. Reads CHAT_TABLE, TELEGRAM_OUTBOX_QUEUE_URL, CHAT_HISTORY_LIMIT
 * (default 30), CHAT_MODEL (default: the model table's default for the Responses API), CHAT_REASONING_EFFORT
 * (default low), ASSISTANTS_TABLE and CHAT_ASSISTANT_NAME (default "chat": the stored assistant config that overrides
 * the built-in instructions; no table = built-in only), USAGE_TABLE, the OPENAI_* variables of
 * {@link OpenAiSettings#fromEnv}, CHAT_QUEUE_URL (to re-time jobs that wait), CHAT_MODEL_RETRY_SECONDS (default 600),
 * CHAT_HANDOFF_TIMEOUT_SECONDS (default 300) and the AWS variables.
 */
final class ChatReplyModule {

    static final String DEFAULT_MODEL = ModelCapabilities.standard().defaultModel("responses");
    /** Text replies that may hand off or search files: a little reasoning, the reply still comes in seconds. */
    static final String DEFAULT_REASONING_EFFORT = "low";
    static final int DEFAULT_HISTORY_LIMIT = 30;
    static final String DEFAULT_ASSISTANT_NAME = "chat";
    static final Duration DEFAULT_RETRY_WINDOW = Duration.ofMinutes(10);
    static final Duration DEFAULT_HANDOFF_TIMEOUT = Duration.ofMinutes(5);

    private final ChatReplyWorker worker;
    private final OpenAiSettings openAi;
    private final String model;

    private ChatReplyModule(ChatReplyWorker worker, OpenAiSettings openAi, String model) {
        this.worker = worker;
        this.openAi = openAi;
        this.model = model;
    }

    static ChatReplyModule fromEnv(Env env) {
        ChatWiring wiring = new ChatWiring(env);
        int historyLimit = env.intValue("CHAT_HISTORY_LIMIT", DEFAULT_HISTORY_LIMIT);
        String modelName = env.get("CHAT_MODEL", DEFAULT_MODEL);
        ChatInstructions builtIn = new ResourceChatInstructions(modelName, ResourceChatInstructions.DEFAULT_RESOURCE);
        String assistantName = env.get("CHAT_ASSISTANT_NAME", DEFAULT_ASSISTANT_NAME);
        ChatInstructions assistant = env.optional("ASSISTANTS_TABLE")
                .<ChatInstructions>map(assistantsTable -> new StoredChatInstructions(
                        new DynamoDbAssistantRepository(wiring.aws.dynamoDbEnhanced(), assistantsTable), assistantName,
                        builtIn))
                .orElse(builtIn);
        UsageRecorder usage = new DynamoDbUsageRepository(wiring.aws.dynamoDb(), env.required("USAGE_TABLE"));
        OpenAiSettings openAi = OpenAiSettings.fromEnv(env, SecretStore.from(wiring.aws));
        ChatModel model = new OpenAiChatModel(OpenAiClients.create(openAi), usage, assistantName, Clock.systemUTC(),
                ModelTuning.effortFromEnv(env, "CHAT_REASONING_EFFORT", DEFAULT_REASONING_EFFORT));
        ReplyService.Reliability reliability = new ReplyService.Reliability(
                env.seconds("CHAT_MODEL_RETRY_SECONDS", DEFAULT_RETRY_WINDOW),
                env.seconds("CHAT_HANDOFF_TIMEOUT_SECONDS", DEFAULT_HANDOFF_TIMEOUT));
        ReplyService service = new ReplyService(wiring.chats, model, assistant, wiring.dispatch(), historyLimit,
                Clock.systemUTC(), reliability);
        // The worker re-times jobs that wait on their own queue.
        SqsSender<ReplyJob> replyQueue = new SqsSender<>(wiring.aws.sqs(), env.required("CHAT_QUEUE_URL"));
        return new ChatReplyModule(new ChatReplyWorker(service, replyQueue), openAi, modelName);
    }

    ChatReplyWorker worker() {
        return worker;
    }

    /** The chat's OpenAI settings and configured model (priming calls the Responses API through them). */
    OpenAiSettings openAi() {
        return openAi;
    }

    String model() {
        return model;
    }
}
