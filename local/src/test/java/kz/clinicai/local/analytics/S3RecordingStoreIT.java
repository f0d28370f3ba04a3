package kz.clinicai.local.analytics;

import kz.clinicai.analytics.worker.RecordingStore;
import kz.clinicai.analytics.worker.S3RecordingStore;
import kz.clinicai.local.PlatformStackFixture;

/** The contract against the local stack's S3 with template.yaml's AnalyticsBucket. */
class S3RecordingStoreIT extends RecordingStoreContract {

    @Override
    RecordingStore store() {
        var stack = PlatformStackFixture.stack();
        var bucket = stack.world().template().buckets().stream()
                .filter(b -> b.logicalId().equals("AnalyticsBucket")).findFirst().orElseThrow();
        return new S3RecordingStore(stack.aws().s3(), stack.world().bucketName(bucket));
    }
}
