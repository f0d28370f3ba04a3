package kz.clinicai.local.voicebot;

import static kz.clinicai.local.PlatformStackFixture.api;
import static kz.clinicai.local.PlatformStackFixture.json;
import static kz.clinicai.local.PlatformStackFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The assistants API through the API emulator, with the x-api-key the stack resolved from Secrets Manager. */
class AssistantsApiIT {

    /** secret.clinicai/assistants-api of local-stack.properties. */
    private static final String KEY = "local-assistants-key";

    @Test
    void createUpdateAndInfoWithTheKey() {
        HttpResponse<String> created = create("it-assistant", "Первая версия", KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode v1 = json(created);
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("id").asText()).startsWith("asst_");

        HttpResponse<String> updated = create("it-assistant", "Вторая версия", KEY);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).path("version").asInt()).isEqualTo(2);
        assertThat(json(updated).path("id").asText()).isEqualTo(v1.path("id").asText());

        JsonNode byName = json(info("name=it-assistant", KEY));
        assertThat(byName.path("version").asInt()).isEqualTo(2);
        assertThat(byName.path("instructions").asText()).isEqualTo("Вторая версия");
        // The id is found through the byLatestId index, which only the newest version carries.
        JsonNode byId = json(info("id=" + v1.path("id").asText(), KEY));
        assertThat(byId.path("version").asInt()).isEqualTo(2);

        assertThat(info("name=nobody-here", KEY).statusCode()).isEqualTo(404);
        assertThat(info("", KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void theSeededClinicAssistantIsThere() {
        JsonNode seeded = json(info("name=infoclinica-clinic-voicebot", KEY));

        assertThat(seeded.path("version").asInt()).isEqualTo(1);
        assertThat(seeded.path("model").asText()).isEqualTo("gpt-6-luna");
    }

    @Test
    void withoutTheRightKeyNothingIsReadOrWritten() {
        assertThat(create("it-intruder", "x", null).statusCode()).isEqualTo(401);
        assertThat(create("it-intruder", "x", "wrong-key").statusCode()).isEqualTo(401);
        assertThat(info("name=infoclinica-clinic-voicebot", "wrong-key").statusCode()).isEqualTo(401);

        assertThat(info("name=it-intruder", KEY).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> create(String name, String instructions, String key) {
        String body = "{\"name\":\"" + name + "\",\"model\":\"gpt-6-luna\",\"instructions\":\"" + instructions
                + "\"}";
        String url = api() + "/api/assistants/create/";
        return key == null ? send("POST", url, body) : send("POST", url, body, "x-api-key", key);
    }

    private static HttpResponse<String> info(String query, String key) {
        return send("GET", api() + "/api/assistants/info/" + (query.isEmpty() ? "" : "?" + query), null,
                "x-api-key", key);
    }
}
