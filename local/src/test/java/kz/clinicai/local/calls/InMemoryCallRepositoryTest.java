package kz.clinicai.local.calls;

import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.InMemoryCallRepository;

/** The in-memory twin under the same contract as DynamoDbCallRepositoryIT. */
class InMemoryCallRepositoryTest extends CallRepositoryContract {

    @Override
    CallRepository repository() {
        return new InMemoryCallRepository();
    }
}
