package kz.clinicai.local.aws;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ on loopback. Its queue URLs carry the server address it is told, so the port is chosen first and
 * the same one is announced. Messages live in memory only: ElasticMQ persists them through its own server
 * configuration (SQL store), which the embedded builder does not expose.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedSqs start(String region, String accountId) {
        int port = FreePort.find();
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(region)
                .withAWSAccountId(accountId)
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops the HTTP binding and terminates the actor system the builder created. */
    @Override
    public void close() {
        server.stopAndWait();
    }
}
