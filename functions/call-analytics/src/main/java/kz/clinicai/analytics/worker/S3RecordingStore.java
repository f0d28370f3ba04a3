package kz.clinicai.analytics.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@link RecordingStore} on the analytics bucket: recordings ({@code recordings/<profile>/<call>/<n>.<ext>}, the speakers' tracks
 * {@code …/track-<leg>.wav}), transcripts ({@code transcripts/<profile>/<call>.txt}) and the text of each transcribed
 * piece ({@code transcripts/<profile>/<call>/…}, so a retry never pays for it again). Files go through /tmp, never whole through memory; the bucket's
 * lifecycle rule expires them (personal data).
 */
public final class S3RecordingStore implements RecordingStore {

    private final S3Client s3;
    private final String bucket;

    public S3RecordingStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void putFile(String key, Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromFile(file));
    }

    @Override
    public void putText(String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain; charset=utf-8")
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    @Override
    public Path getFile(String key, Path target) throws IOException {
        try (var in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    @Override
    public String getText(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    @Override
    public Set<String> keys(String prefix) {
        Set<String> out = new HashSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> out.add(o.key()));
        return out;
    }
}
