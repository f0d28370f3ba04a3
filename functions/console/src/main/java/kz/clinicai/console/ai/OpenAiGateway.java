package kz.clinicai.console.ai;

import java.util.List;
import java.util.Optional;

/**
 * What the console asks of OpenAI: conversations (threads), background responses (runs), vector stores and
 * files. An interface so controllers can be tested with a fake; the real one is {@link OpenAiJavaGateway}.
 */
public interface OpenAiGateway {

    /** How an assistant answers: model, instructions, sampling (null = model default), file_search stores. */
    record RunSpec(String model, String instructions, Double temperature, Double topP, List<String> vectorStoreIds) {
    }

    record Message(String id, String role, String text) {
    }

    /** A response's state; {@code status} is one of queued, in_progress, completed, failed, cancelled, incomplete. */
    record Run(String id, String status, Optional<String> outputText, Optional<String> error,
               long inputTokens, long outputTokens, String model) {
    }

    record VectorStoreInfo(String id, String name, String status, long completedFiles, long inProgressFiles,
                           long failedFiles, long createdAt) {
    }

    record StoreFile(String id, String status, Optional<String> error) {
    }

    String createConversation();

    void deleteConversation(String conversationId);

    List<Message> messages(String conversationId);

    /** Starts a background response in the conversation with the new user messages as its input. */
    Run startBackground(String conversationId, RunSpec spec, List<String> userMessages);

    Run retrieve(String responseId);

    Run cancel(String responseId);

    /** Adds {@code userText} to the conversation and answers it at once (the console's test chat). */
    Run reply(String conversationId, RunSpec spec, String userText);

    VectorStoreInfo createVectorStore(String name);

    List<VectorStoreInfo> vectorStores();

    /** Uploads a file (purpose assistants) and adds it to the vector store; returns the file id. */
    String uploadToVectorStore(String vectorStoreId, String filename, byte[] content);

    List<StoreFile> vectorStoreFiles(String vectorStoreId);
}
