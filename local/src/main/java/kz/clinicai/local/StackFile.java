package kz.clinicai.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;

/** {@code .local-data/stack.json}: how another process (invoke) finds the running stack. */
final class StackFile {

    private StackFile() {
    }

    static Path path(Path dataDir) {
        return dataDir.resolve("stack.json");
    }

    static void write(Path dataDir, Map<String, Object> content) throws IOException {
        Files.createDirectories(dataDir);
        Files.write(path(dataDir), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
    }

    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(path(dataDir));
        } catch (IOException ignored) {
            // a stale file is checked for a live pid before use
        }
    }

    /** The running stack's API URL, when stack.json names a live process that answers its health check. */
    static Optional<String> runningApi(Path dataDir) {
        Path file = path(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode stack = Json.mapper().readTree(file.toFile());
            long pid = stack.path("pid").asLong();
            String api = stack.path("api").asText();
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && healthy(api)) {
                return Optional.of(api);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean healthy(String api) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(api + "/_local/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
