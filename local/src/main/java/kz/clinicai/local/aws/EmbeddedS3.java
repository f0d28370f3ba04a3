package kz.clinicai.local.aws;

import com.robothy.s3.rest.LocalS3;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * LocalS3 (netty). It binds its port on every interface and has no host option; only the loopback URL is
 * announced. Clients must use path-style addressing (a bucket cannot be a subdomain of 127.0.0.1).
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final LocalS3 server;
    private final int port;
    private final Path scratch;

    private EmbeddedS3(LocalS3 server, int port, Path scratch) {
        this.server = server;
        this.port = port;
        this.scratch = scratch;
    }

    public static EmbeddedS3 start(Optional<Path> dataDir) throws IOException {
        int port = FreePort.find();
        LocalS3.Builder builder = LocalS3.builder().port(port)
                // a laptop needs few threads; the defaults size pools by core count for load tests
                .nettyParentEventGroupThreadNum(1).nettyChildEventGroupThreadNum(2).s3ExecutorThreadNum(2);
        // Objects always live on disk: call analytics stores each party's WAV track (16 kB per second of call), and
        // a stack that is not persisted would otherwise hold every recording in its heap. Not persisted: a scratch
        // directory, deleted at close.
        Path scratch = dataDir.isPresent() ? null : Files.createTempDirectory("clinicai-s3-");
        Path dir = dataDir.orElse(scratch);
        Files.createDirectories(dir);
        builder.mode(LocalS3Mode.PERSISTENCE).dataPath(dir.toString());
        LocalS3 server = builder.build();
        server.start();
        return new EmbeddedS3(server, port, scratch);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.shutdown();
        if (scratch != null) {
            try (Stream<Path> walk = Files.walk(scratch)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a temp directory: the OS cleans it eventually
            }
        }
    }
}
