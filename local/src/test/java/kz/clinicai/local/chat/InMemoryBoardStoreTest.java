package kz.clinicai.local.chat;

import kz.clinicai.chat.operator.BoardStore;
import kz.clinicai.chat.support.InMemoryBoardStore;

/** The in-memory twin (chat's test-jar) under the same contract as DynamoDbBoardStoreIT. */
class InMemoryBoardStoreTest extends BoardStoreContract {

    @Override
    BoardStore store() {
        return new InMemoryBoardStore();
    }
}
