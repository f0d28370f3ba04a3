package kz.clinicai.console.ai;

import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.models.conversations.ConversationCreateParams;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.conversations.items.ItemListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FileSearchTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.vectorstores.VectorStore;
import com.openai.models.vectorstores.VectorStoreCreateParams;
import com.openai.models.vectorstores.VectorStoreListParams;
import com.openai.models.vectorstores.files.FileListParams;
import com.openai.models.vectorstores.files.VectorStoreFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.clinicai.shared.openai.ModelTuning;

/** {@link OpenAiGateway} over openai-java (timeouts and retries as {@code OpenAiClients} configured them). */
public final class OpenAiJavaGateway implements OpenAiGateway {

    private final OpenAIClient client;
    private final String reasoningEffort;

    public OpenAiJavaGateway(OpenAIClient client) {
        this(client, null);
    }

    /** @param reasoningEffort the test dialog's and runs' configured effort (CONSOLE_REASONING_EFFORT); null: model's */
    public OpenAiJavaGateway(OpenAIClient client, String reasoningEffort) {
        this.client = client;
        this.reasoningEffort = reasoningEffort;
    }

    @Override
    public String createConversation() {
        return client.conversations().create(ConversationCreateParams.builder().build()).id();
    }

    @Override
    public void deleteConversation(String conversationId) {
        client.conversations().delete(conversationId);
    }

    @Override
    public List<Message> messages(String conversationId) {
        List<Message> out = new ArrayList<>();
        client.conversations().items().list(ItemListParams.builder().conversationId(conversationId)
                        .order(ItemListParams.Order.ASC).build())
                .autoPager().forEach(item -> message(item).ifPresent(out::add));
        return out;
    }

    private static Optional<Message> message(ConversationItem item) {
        return item.message().map(m -> {
            StringBuilder text = new StringBuilder();
            m.content().forEach(c -> {
                c.inputText().ifPresent(t -> text.append(t.text()));
                c.outputText().ifPresent(t -> text.append(t.text()));
                c.text().ifPresent(t -> text.append(t.text()));
            });
            return new Message(m.id(), m.role().asString(), text.toString());
        });
    }

    @Override
    public Run startBackground(String conversationId, RunSpec spec, List<String> userMessages) {
        List<com.openai.models.responses.ResponseInputItem> input = userMessages.stream()
                .map(text -> com.openai.models.responses.ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                        .role(EasyInputMessage.Role.USER).content(text).build()))
                .toList();
        return run(client.responses().create(params(conversationId, spec)
                .input(ResponseCreateParams.Input.ofResponse(input)).background(true).store(true).build()));
    }

    @Override
    public Run retrieve(String responseId) {
        return run(client.responses().retrieve(responseId));
    }

    @Override
    public Run cancel(String responseId) {
        return run(client.responses().cancel(responseId));
    }

    @Override
    public Run reply(String conversationId, RunSpec spec, String userText) {
        return run(client.responses().create(params(conversationId, spec)
                .input(ResponseCreateParams.Input.ofText(userText)).build()));
    }

    private ResponseCreateParams.Builder params(String conversationId, RunSpec spec) {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder()
                .model(spec.model())
                .instructions(spec.instructions())
                .conversation(conversationId);
        // As the chat and the voicebot send it: only what the model takes.
        ModelTuning.apply(params, spec.model(), spec.temperature(), spec.topP(), reasoningEffort);
        if (!spec.vectorStoreIds().isEmpty()) {
            params.addTool(FileSearchTool.builder().vectorStoreIds(spec.vectorStoreIds()).build());
        }
        return params;
    }

    static Run run(Response r) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : r.output()) {
            if (item.isMessage()) {
                item.asMessage().content().stream().filter(c -> c.isOutputText())
                        .forEach(c -> text.append(c.asOutputText().text()));
            }
        }
        String status = r.status().map(s -> s.asString()).orElse("completed");
        Optional<String> error = r.error().map(e -> e.message())
                .or(() -> r.incompleteDetails().flatMap(d -> d.reason()).map(reason -> "incomplete: " + reason.asString()));
        long in = r.usage().map(u -> u.inputTokens()).orElse(0L);
        long out = r.usage().map(u -> u.outputTokens()).orElse(0L);
        com.openai.models.ResponsesModel m = r.model();
        String model = m.string().orElseGet(() -> m.isChat() ? m.asChat().asString() : m.asOnly().asString());
        return new Run(r.id(), status, text.isEmpty() ? Optional.empty() : Optional.of(text.toString()), error, in, out,
                model);
    }

    @Override
    public VectorStoreInfo createVectorStore(String name) {
        return info(client.vectorStores().create(VectorStoreCreateParams.builder().name(name).build()));
    }

    @Override
    public List<VectorStoreInfo> vectorStores() {
        List<VectorStoreInfo> out = new ArrayList<>();
        client.vectorStores().list(VectorStoreListParams.builder().limit(100).build()).autoPager()
                .forEach(v -> out.add(info(v)));
        return out;
    }

    private static VectorStoreInfo info(VectorStore v) {
        return new VectorStoreInfo(v.id(), v.name(), v.status().asString(), v.fileCounts().completed(),
                v.fileCounts().inProgress(), v.fileCounts().failed(), v.createdAt());
    }

    @Override
    public String uploadToVectorStore(String vectorStoreId, String filename, byte[] content) {
        String fileId = client.files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(content))
                        .filename(filename).build())
                .purpose(FilePurpose.ASSISTANTS).build()).id();
        client.vectorStores().files().create(com.openai.models.vectorstores.files.FileCreateParams.builder()
                .vectorStoreId(vectorStoreId).fileId(fileId).build());
        return fileId;
    }

    @Override
    public List<StoreFile> vectorStoreFiles(String vectorStoreId) {
        List<StoreFile> out = new ArrayList<>();
        client.vectorStores().files().list(FileListParams.builder().vectorStoreId(vectorStoreId).limit(100).build())
                .autoPager().forEach(f -> out.add(file(f)));
        return out;
    }

    private static StoreFile file(VectorStoreFile f) {
        return new StoreFile(f.id(), f.status().asString(), f.lastError().map(e -> e.message()));
    }
}
