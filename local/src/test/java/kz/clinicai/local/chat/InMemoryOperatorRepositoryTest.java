package kz.clinicai.local.chat;

import kz.clinicai.chat.operator.OperatorRepository;
import kz.clinicai.chat.support.InMemoryOperatorRepository;

/** The in-memory twin (chat's test-jar) under the same contract as DynamoDbOperatorRepositoryIT. */
class InMemoryOperatorRepositoryTest extends OperatorRepositoryContract {

    @Override
    OperatorRepository repository() {
        return new InMemoryOperatorRepository();
    }
}
