package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's /api with a real HTTP client through the local stack and the OpenAI simulator: threads are
 * conversations, runs are background responses (polled to the end, or cancelled), per-user API keys.
 */
class ConsoleApiIT {

    private static final Pattern NEW_KEY = Pattern.compile("data-testid=\"new-api-key\">(ck_[A-Za-z0-9_-]+)<");
    private static ConsoleClient admin;
    private static String key;
    private static String assistantId;

    @BeforeAll
    static void setUp() {
        PlatformStackFixture.stack();
        admin = ConsoleUsers.loggedInAdmin();
        key = createKey(admin, "api-it");
        assistantId = ConsoleUsers.createAssistant(admin, "api-it-" + System.nanoTime(), "gpt-6-luna",
                "Ты ассистент клиники для API-теста.", "", "");
    }

    static String createKey(ConsoleClient client, String label) {
        String token = client.csrf("/console/settings");
        HttpResponse<String> page = client.postForm("/console/settings/keys", Map.of("label", label, "_csrf", token));
        Matcher m = NEW_KEY.matcher(page.body());
        assertThat(m.find()).as("new key on the page").isTrue();
        return m.group(1);
    }

    private static String[] bearer() {
        return new String[] {"Authorization", "Bearer " + key};
    }

    @Test
    void withoutCredentialsOrWithAWrongKeyTheApiAnswers401() {
        ConsoleClient anonymous = new ConsoleClient();
        HttpResponse<String> none = anonymous.get("/api/assistants");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(PlatformStackFixture.json(none).path("error").asText()).isEqualTo("unauthorized");
        HttpResponse<String> wrong = anonymous.get("/api/assistants", "Authorization", "Bearer ck_not-a-key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(PlatformStackFixture.json(wrong).path("error").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void aRevokedKeyStopsWorking() {
        String spare = createKey(admin, "to-revoke");
        ConsoleClient api = new ConsoleClient();
        assertThat(api.get("/api/assistants", "Authorization", "Bearer " + spare).statusCode()).isEqualTo(200);
        String settings = admin.get("/console/settings").body();
        Matcher revoke = Pattern.compile("action=\"/console/settings/keys/([0-9a-f]+)/revoke\"").matcher(settings);
        String hint = spare.substring(0, 7);
        String id = null;
        while (revoke.find()) {
            int at = settings.lastIndexOf("<code>", revoke.start());
            if (settings.startsWith(hint, at + "<code>".length())) {
                id = revoke.group(1);
            }
        }
        assertThat(id).as("the spare key's revoke form").isNotNull();
        admin.postForm("/console/settings/keys/" + id + "/revoke", Map.of("_csrf", admin.csrf("/console/settings")));
        assertThat(api.get("/api/assistants", "Authorization", "Bearer " + spare).statusCode()).isEqualTo(401);
    }

    @Test
    void listsAndReadsAssistantsInTheOldShape() {
        ConsoleClient api = new ConsoleClient();
        JsonNode list = PlatformStackFixture.json(api.get("/api/assistants", bearer()));
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data").findValuesAsText("id")).contains(assistantId);
        JsonNode one = PlatformStackFixture.json(api.get("/api/assistants/" + assistantId, bearer()));
        assertThat(one.path("model").asText()).isEqualTo("gpt-6-luna");
        // A reasoning model takes no sampling parameters: the old shape carries them as null.
        assertThat(one.path("temperature").isNull()).isTrue();
        assertThat(one.path("top_p").isNull()).isTrue();
        assertThat(api.get("/api/assistants/asst_missing", bearer()).statusCode()).isEqualTo(404);
    }

    @Test
    void threadMessageRunAndStatusUntilCompleted() {
        ConsoleClient api = new ConsoleClient();
        HttpResponse<String> created = api.postJson("/api/threads", "{}", bearer());
        assertThat(created.statusCode()).isEqualTo(201);
        String thread = PlatformStackFixture.json(created).path("thread_id").asText();
        assertThat(thread).startsWith("conv_");

        HttpResponse<String> message = api.postForm("/api/threads/" + thread + "/messages",
                Map.of("content", "Здравствуйте! Когда работает клиника?"), bearer());
        assertThat(message.statusCode()).isEqualTo(201);

        HttpResponse<String> run = api.postForm("/api/threads/" + thread + "/run", Map.of("assistant_id", assistantId),
                bearer());
        assertThat(run.statusCode()).isEqualTo(201);
        JsonNode started = PlatformStackFixture.json(run);
        assertThat(started.path("status").asText()).isIn("queued", "in_progress");
        String runId = started.path("run_id").asText();

        JsonNode status = started;
        for (int i = 0; i < 10 && !status.path("status").asText().equals("completed"); i++) {
            status = PlatformStackFixture.json(api.get("/api/threads/" + thread + "/runs/" + runId, bearer()));
        }
        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("output").asText()).isNotBlank();

        JsonNode messages = PlatformStackFixture.json(api.get("/api/threads/" + thread + "/messages", bearer()));
        assertThat(messages.path("data").findValuesAsText("role")).contains("user", "assistant");
        assertThat(messages.path("data").findValuesAsText("content")).contains("Здравствуйте! Когда работает клиника?");

        // What reached the model: the assistant's configuration, in the thread's conversation, in the background.
        JsonNode sent = lastResponsesRequest(thread);
        assertThat(sent.path("model").asText()).isEqualTo("gpt-6-luna");
        assertThat(sent.path("background").asBoolean()).isTrue();
        assertThat(sent.has("temperature")).isFalse();
        assertThat(sent.path("instructions").asText()).isEqualTo("Ты ассистент клиники для API-теста.");
    }

    @Test
    void aRunningRunCanBeCancelled() {
        ConsoleClient api = new ConsoleClient();
        String thread = PlatformStackFixture.json(api.postJson("/api/threads", "{}", bearer())).path("thread_id").asText();
        api.postJson("/api/threads/" + thread + "/messages", "{\"content\":\"Долгий вопрос\"}", bearer());
        PlatformStackFixture.sandboxPost("/openai/_control/background", Map.of("hold", true));
        try {
            JsonNode run = PlatformStackFixture.json(api.postJson("/api/threads/" + thread + "/run",
                    "{\"assistant_id\":\"" + assistantId + "\"}", bearer()));
            String runId = run.path("run_id").asText();
            assertThat(PlatformStackFixture.json(api.get("/api/threads/" + thread + "/runs/" + runId, bearer()))
                    .path("status").asText()).isIn("queued", "in_progress");
            HttpResponse<String> cancel = api.postJson("/api/threads/" + thread + "/runs/" + runId + "/cancel", "",
                    bearer());
            assertThat(cancel.statusCode()).isEqualTo(200);
            assertThat(PlatformStackFixture.json(cancel).path("status").asText()).isEqualTo("cancelled");
            assertThat(PlatformStackFixture.json(api.get("/api/threads/" + thread + "/runs/" + runId, bearer()))
                    .path("status").asText()).isEqualTo("cancelled");
        } finally {
            PlatformStackFixture.sandboxPost("/openai/_control/background", Map.of("hold", false));
        }
    }

    @Test
    void anotherUsersThreadIsNotFoundAndBadInputIs400() {
        ConsoleClient api = new ConsoleClient();
        String thread = PlatformStackFixture.json(api.postJson("/api/threads", "{}", bearer())).path("thread_id").asText();
        String editorEmail = "api-editor-" + System.nanoTime() + "@example.kz";
        ConsoleClient editor = ConsoleUsers.approvedEditor(admin, editorEmail, "editor-password-2");
        editor.login(editorEmail, "editor-password-2");
        String editorKey = createKey(editor, "editor");
        HttpResponse<String> foreign = api.get("/api/threads/" + thread + "/messages", "Authorization",
                "Bearer " + editorKey);
        assertThat(foreign.statusCode()).isEqualTo(404);

        HttpResponse<String> empty = api.postJson("/api/threads/" + thread + "/messages", "{\"content\":\"  \"}", bearer());
        assertThat(empty.statusCode()).isEqualTo(400);
        HttpResponse<String> noAssistant = api.postJson("/api/threads/" + thread + "/run", "{}", bearer());
        assertThat(noAssistant.statusCode()).isEqualTo(400);
        HttpResponse<String> notJson = api.postJson("/api/threads/" + thread + "/messages", "{oops", bearer());
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void aDeletedAssistantIsGoneForTheApiToo() {
        String id = ConsoleUsers.createAssistant(admin, "to-delete-" + System.nanoTime(), "gpt-6-luna", "x", "",
                "");
        ConsoleClient api = new ConsoleClient();
        assertThat(api.get("/api/assistants/" + id, bearer()).statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = admin.postForm("/console/assistants/" + id + "/delete",
                Map.of("_csrf", admin.csrf("/console/assistants")));
        assertThat(deleted.headers().firstValue("location").orElseThrow()).endsWith("msg=deleted");
        assertThat(api.get("/api/assistants/" + id, bearer()).statusCode()).isEqualTo(404);
    }

    static JsonNode lastResponsesRequest(String conversation) {
        JsonNode log = PlatformStackFixture.sandboxGet("/openai/_requests").path("data");
        JsonNode found = null;
        for (JsonNode e : log) {
            if (e.path("method").asText().equals("POST") && e.path("path").asText().endsWith("/v1/responses")
                    && e.path("body").path("conversation").asText().equals(conversation)) {
                found = e.path("body");
            }
        }
        assertThat(found).as("a /v1/responses request in conversation " + conversation).isNotNull();
        return found;
    }
}
