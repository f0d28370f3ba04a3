package kz.clinicai.calls.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import kz.clinicai.calls.voximplant.VoximplantCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Downloads a record URL; Voximplant's secure record storage answers 401/403 without the account's JWT, so the
 * download is repeated once with {@code Authorization: Bearer <JWT>}. Kept in S3 with SSE (the bucket's lifecycle
 * deletes them).
 */
public final class HttpRecordings implements Recordings {

    static final long MAX_BYTES = 25L * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Supplier<VoximplantCredentials> credentials;
    private final S3Client s3;
    private final String bucket;
    private final Clock clock;
    private final Duration timeout;

    public HttpRecordings(Supplier<VoximplantCredentials> credentials, S3Client s3, String bucket, Clock clock,
                          Duration timeout) {
        this.credentials = credentials;
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public Optional<byte[]> fetch(String url) {
        URI uri = URI.create(url);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("record_url must be http(s)");
        }
        HttpResponse<byte[]> response = get(uri, null);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            response = get(uri, "Bearer " + credentials.get().jwt(clock.instant()));
        }
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new IllegalStateException("recording download answered HTTP " + status);
        }
        if (response.body().length > MAX_BYTES) {
            throw new IllegalStateException("recording larger than " + MAX_BYTES + " bytes");
        }
        return Optional.of(response.body());
    }

    private HttpResponse<byte[]> get(URI uri, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("recording download failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String keep(String callId, int turn, byte[] audio) {
        String key = "recordings/" + callId + "/turn-" + turn + ".wav";
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("audio/wav")
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(audio));
        return key;
    }
}
