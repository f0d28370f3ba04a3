package kz.clinicai.local.aws;

import com.robothy.s3.rest.LocalS3;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * LocalS3 (netty). It binds its port on every interface and has no host option; only the loopback URL is
 * announced. Clients must use path-style addressing (a bucket cannot be a subdomain of 127.0.0.1).
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final LocalS3 server;
    private final int port;

    private EmbeddedS3(LocalS3 server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedS3 start(Optional<Path> dataDir) throws IOException {
        int port = FreePort.find();
        LocalS3.Builder builder = LocalS3.builder().port(port)
                // a laptop needs few threads; the defaults size pools by core count for load tests
                .nettyParentEventGroupThreadNum(1).nettyChildEventGroupThreadNum(2).s3ExecutorThreadNum(2);
        if (dataDir.isPresent()) {
            Files.createDirectories(dataDir.get());
            builder.mode(LocalS3Mode.PERSISTENCE).dataPath(dataDir.get().toString());
        } else {
            builder.mode(LocalS3Mode.IN_MEMORY);
        }
        LocalS3 server = builder.build();
        server.start();
        return new EmbeddedS3(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
