package kz.clinicai.local.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aFilePlaceholderInlinesTheFileJsonEscapedSoTheSecretStaysJson() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\"x\\y\n-----END CERTIFICATE-----\n";
        Path file = Files.writeString(dir.resolve("client.crt.pem"), pem);
        StackSettings settings = new StackSettings(Map.of(
                "secret.clinic", "{\"certificate_pem\":\"${file:ic.cert}\",\"url\":\"${ic.url}\"}"));

        String secret = settings.secrets(Map.of("ic.cert", file.toString(), "ic.url", "https://127.0.0.1:1/"), Map.of())
                .get("clinic");

        JsonNode parsed = Json.mapper().readTree(secret);
        assertThat(parsed.path("certificate_pem").asText()).isEqualTo(pem);
        assertThat(parsed.path("url").asText()).isEqualTo("https://127.0.0.1:1/");
    }

    @Test
    void aLineWhoseFileOrSettingIsMissingIsLeftOut() {
        StackSettings settings = new StackSettings(Map.of(
                "secret.nofile", "${file:ic.cert}",
                "secret.nosetting", "${file:unknown.key}",
                "secret.plain", "{\"api_key\":\"k\"}"));

        Map<String, String> secrets = settings.secrets(Map.of("ic.cert", dir.resolve("absent.pem").toString()),
                Map.of());

        assertThat(secrets).containsOnlyKeys("plain");
    }

    @Test
    void overridesReplaceAndAddEntries() {
        StackSettings settings = new StackSettings(Map.of("parameter.A", "1", "parameter.B", "2"))
                .with(Map.of("parameter.B", "3", "parameter.C", "4"));

        assertThat(settings.parameters(Map.of(), Map.of())).containsExactlyInAnyOrderEntriesOf(
                Map.of("A", "1", "B", "3", "C", "4"));
    }
}
