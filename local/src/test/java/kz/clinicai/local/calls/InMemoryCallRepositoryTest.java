package kz.clinicai.local.calls;

import java.time.Clock;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.InMemoryCallRepository;

/** The in-memory twin under the same contract as DynamoDbCallRepositoryIT. */
class InMemoryCallRepositoryTest extends CallRepositoryContract {

    private InMemoryCallRepository repository;

    @Override
    CallRepository repository(Clock clock) {
        repository = new InMemoryCallRepository(clock);
        return repository;
    }

    @Override
    void doNotCall(String e164) {
        repository.doNotCall(e164);
    }
}
