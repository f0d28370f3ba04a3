package kz.clinicai.console.web;

import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The upload bucket: a large file goes there by a presigned PUT and is taken from there to OpenAI. */
public final class Uploads {

    private final S3Presigner presigner;
    private final S3Client s3;
    private final String bucket;

    public Uploads(S3Presigner presigner, S3Client s3, String bucket) {
        this.presigner = presigner;
        this.s3 = s3;
        this.bucket = bucket;
    }

    String presignPut(String key, Duration validFor) {
        return presigner.presignPutObject(p -> p.signatureDuration(validFor)
                .putObjectRequest(o -> o.bucket(bucket).key(key))).url().toString();
    }

    byte[] read(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }
}
