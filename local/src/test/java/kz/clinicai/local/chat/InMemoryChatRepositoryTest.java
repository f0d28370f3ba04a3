package kz.clinicai.local.chat;

import kz.clinicai.chat.conversation.ChatRepository;
import kz.clinicai.chat.support.InMemoryChatRepository;

/** The in-memory twin (chat's test-jar) under the same contract as DynamoDbChatRepositoryIT. */
class InMemoryChatRepositoryTest extends ChatRepositoryContract {

    @Override
    ChatRepository repository() {
        return new InMemoryChatRepository();
    }
}
