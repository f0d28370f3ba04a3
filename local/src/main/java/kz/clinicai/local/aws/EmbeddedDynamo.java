package kz.clinicai.local.aws;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local in this JVM. It has no option for the listen address and binds every interface, so the Jetty
 * connector it builds is narrowed to 127.0.0.1 (and to an ephemeral port) before it starts.
 */
public final class EmbeddedDynamo implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamo(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param dataDir where the database file lives; empty keeps everything in memory */
    public static EmbeddedDynamo start(Optional<Path> dataDir) throws Exception {
        List<String> args = new ArrayList<>(List.of("-port", String.valueOf(FreePort.find()), "-sharedDb",
                "-disableTelemetry"));
        if (dataDir.isPresent()) {
            Files.createDirectories(dataDir.get());
            args.addAll(List.of("-dbPath", dataDir.get().toString()));
        } else {
            args.add("-inMemory");
        }
        DynamoDBProxyServer server;
        // it prints its configuration banner on stdout, which belongs to the startup lines and invoke's response
        synchronized (System.class) {
            PrintStream stdout = System.out;
            System.setOut(System.err);
            try {
                server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            } finally {
                System.setOut(stdout);
            }
        }
        ServerConnector connector = (ServerConnector) jetty(server).getConnectors()[0];
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.start();
        return new EmbeddedDynamo(server, connector.getLocalPort());
    }

    private static Server jetty(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        return (Server) field.get(proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
