package kz.clinicai.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kz.clinicai.local.invoke.InvokeCommand;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class InvokeIT {

    private static final String EVENT = """
            {"version":"2.0","routeKey":"GET /items/{id}","rawPath":"/items/7","rawQueryString":"",
             "headers":{"host":"x"},"pathParameters":{"id":"7"},
             "requestContext":{"http":{"method":"GET","path":"/items/7"},"stage":"$default"},"isBase64Encoded":false}
            """;

    private static JsonNode body(String stdout) throws Exception {
        return Json.mapper().readTree(Json.mapper().readTree(stdout).path("body").asText());
    }

    @Test
    void invokeAgainstTheRunningStackUsesItsWarmHandler() throws Exception {
        Path dataDir = LocalStackFixture.dataDir();
        Optional<String> running = StackFile.runningApi(dataDir);
        assertThat(running).hasValue(LocalStackFixture.api());
        int warmInstance = Json.mapper().readTree(LocalStackFixture.get("/items/1").body()).path("instance").asInt();

        Path eventFile = Files.createTempFile(dataDir, "event", ".json");
        Files.writeString(eventFile, EVENT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = InvokeCommand.run(InvokeCommand.Arguments.parse(List.of("HttpFunction", "-e", eventFile.toString())),
                dataDir, running, (f, e) -> {
                    throw new AssertionError("must not boot a stack");
                }, java.io.InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8), silent());
        assertThat(exit).isZero();
        JsonNode echo = body(out.toString(StandardCharsets.UTF_8));
        assertThat(echo.path("pathParameters").path("id").asText()).isEqualTo("7");
        assertThat(echo.path("instance").asInt()).isEqualTo(warmInstance);
    }

    @Test
    void invokeWithoutARunningStackBootsOneInProcessFromStdin() throws Exception {
        Path otherData = Files.createTempDirectory("no-stack");
        StackConfig config = LocalStackFixture.config(otherData, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = InvokeCommand.run(InvokeCommand.Arguments.parse(List.of("HttpFunction", "--event", "-")),
                otherData, StackFile.runningApi(otherData), (function, event) -> {
                    try (Stack stack = Stack.boot(config, silent())) {
                        return stack.runtime().invoke(function, event);
                    }
                }, new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), silent());
        assertThat(exit).isZero();
        JsonNode echo = body(out.toString(StandardCharsets.UTF_8));
        assertThat(echo.path("rawPath").asText()).isEqualTo("/items/7");
        assertThat(echo.path("env").path("TABLE_NAME").asText()).isEqualTo("clinicai-test-items");
    }

    private static PrintStream silent() {
        return new PrintStream(java.io.OutputStream.nullOutputStream());
    }
}
