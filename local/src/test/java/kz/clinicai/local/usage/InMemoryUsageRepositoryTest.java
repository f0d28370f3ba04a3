package kz.clinicai.local.usage;

import kz.clinicai.shared.usage.InMemoryUsageRepository;
import kz.clinicai.shared.usage.UsageRepository;

class InMemoryUsageRepositoryTest extends UsageRepositoryContract {

    private final InMemoryUsageRepository repository = new InMemoryUsageRepository();

    @Override
    UsageRepository repository() {
        return repository;
    }
}
