package kz.clinicai.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import kz.clinicai.local.ProjectRoot;
import org.junit.jupiter.api.Test;

/** The operator's command line: a mistake or an unreachable AWS ends in one line and exit status 2, no trace. */
class DeployCommandTest {

    private static final Path TEMPLATE = ProjectRoot.find(Path.of("")).resolve("template.yaml");

    @Test
    void aMisspeltParameterStopsBeforeAnythingIsTouched() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DeployCommand.bootstrap(TEMPLATE, List.of("--region", "us-east-1", "--endpoint",
                "http://127.0.0.1:9", "--parameter-overrides", "OpenAiSecretName=x CallsApiSecretNam=y"),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Stopped: template.yaml has no parameter "
                + "CallsApiSecretNam");
    }

    @Test
    void anUnreachableSecretsManagerIsOneLineNotAStackTrace() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DeployCommand.bootstrap(TEMPLATE, List.of("--region", "us-east-1", "--endpoint",
                "http://127.0.0.1:" + closed), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Stopped: ").doesNotContain("\tat ");
    }

    @Test
    void theSmokeCheckNeedsTheApiUrl() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DeployCommand.smoke(TEMPLATE, List.of("--api", " "), new PrintStream(out, true,
                StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("smoke needs --api");
    }
}
