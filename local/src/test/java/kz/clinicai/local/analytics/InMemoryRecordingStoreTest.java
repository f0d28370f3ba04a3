package kz.clinicai.local.analytics;

import kz.clinicai.analytics.worker.InMemoryRecordingStore;
import kz.clinicai.analytics.worker.RecordingStore;

/** The in-memory twin under the same contract as S3RecordingStoreIT. */
class InMemoryRecordingStoreTest extends RecordingStoreContract {

    @Override
    RecordingStore store() {
        return new InMemoryRecordingStore();
    }
}
