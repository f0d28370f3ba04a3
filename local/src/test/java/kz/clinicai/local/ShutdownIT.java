package kz.clinicai.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownIT {

    @Test
    void closingTheStackFreesEveryPortAndRemovesStackJson() throws Exception {
        Path dataDir = Files.createTempDirectory("shutdown-it");
        Stack stack = Stack.boot(LocalStackFixture.config(dataDir, true), new PrintStream(new ByteArrayOutputStream()));
        List<Integer> ports = List.of(URI.create(stack.apiUrl()).getPort(), stack.dynamoEndpoint().getPort(),
                stack.sqsEndpoint().getPort(), stack.s3Endpoint().getPort(),
                URI.create(stack.sandbox().baseUrl()).getPort());
        assertThat(StackFile.path(dataDir)).exists();
        stack.close();
        assertThat(StackFile.path(dataDir)).doesNotExist();
        for (int port : ports) {
            LocalStackFixture.await("port " + port + " free", Duration.ofSeconds(10), () -> bindable(port));
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
