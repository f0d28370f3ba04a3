package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.Test;

/**
 * "Replace model X with Y" in the console (Модели, admins only): refused until the admin has compared X and Y in
 * the side-by-side dialog; then every assistant on X gets a new version on Y (sampling dropped, as Y is a reasoning
 * model), audited, and the web chat's next model request names Y. A rollback brings X back as before.
 *
 * <p>X is what a migration is for, a dying model that may still be saved; the stack saves by the real date, so X is
 * chosen from the model table on the day ({@link DyingModel}) rather than named: the test fails saying so when the
 * table has no dying model left. When X takes sampling the chat's requests carry its temperature before and none
 * after; when it does not, none in either.
 */
class ConsoleModelMigrationIT {

    private static final Pattern ID = Pattern.compile("data-name=\"chat\" data-id=\"(asst_[0-9a-f]+)\"");
    private static final String Y = "gpt-6-luna";

    @Test
    void aComparedReplacementMovesEveryAssistantOnXToYAndTheChatsNextTurnUsesY() throws Exception {
        DyingModel dying = DyingModel.savableToday();
        String x = dying.name();
        assertThat(x).isNotEqualTo(Y);
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String instructions = "Миграция " + System.nanoTime() + ": отвечай кратко.";
        String chatId = saveChatAssistant(admin, x, instructions, dying.temperature("0.40"));
        String other = "migration-other-" + System.nanoTime();
        ConsoleUsers.createAssistant(admin, other, x, "Другой ассистент.", dying.temperature("0.30"), "");
        JsonNode before = chatRequestFor(chatOnce("before"));
        assertThat(before.path("model").asText()).isEqualTo(x);
        if (dying.sampling()) {
            assertThat(before.path("temperature").asDouble()).isEqualTo(0.40);
        } else {
            assertThat(before.has("temperature")).as("no sampling for " + x).isFalse();
        }

        // Editors may not replace models; a form without the CSRF token is refused too.
        String editorEmail = "migration-editor-" + System.nanoTime() + "@clinic.example";
        ConsoleClient editor = ConsoleUsers.approvedEditor(admin, editorEmail, "editor-password-1");
        editor.login(editorEmail, "editor-password-1");
        assertThat(editor.postForm("/console/models/migrate", Map.of("from", x, "to", Y, "_csrf",
                editor.csrf("/console/assistants"))).statusCode()).isEqualTo(403);
        assertThat(admin.postForm("/console/models/migrate", Map.of("from", x, "to", Y)).statusCode()).isEqualTo(403);

        // Not before a side-by-side comparison.
        HttpResponse<String> early = admin.postForm("/console/models/migrate", Map.of("from", x, "to", Y,
                "_csrf", admin.csrf("/console/models")));
        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(early.body()).contains("Сначала проверьте диалог");
        assertThat(chatRequestFor(chatOnce("still-x")).path("model").asText()).isEqualTo(x);

        // The side-by-side dialog: the same message answered by X and by Y, each in its own conversation.
        String question = "Сравнение " + System.nanoTime() + ": когда работает клиника?";
        HttpResponse<String> compared = admin.postForm("/console/models/compare", Map.of("from", x, "to", Y,
                "assistant", chatId, "message", question, "_csrf", admin.csrf("/console/models")));
        assertThat(compared.statusCode()).as(compared.body()).isEqualTo(200);
        assertThat(compared.body()).contains("data-testid=\"reply-old\"").contains("data-testid=\"reply-new\"")
                .contains("data-testid=\"migrate\"");
        List<String> comparedModels = new ArrayList<>();
        for (JsonNode e : PlatformStackFixture.sandboxGet("/openai/_requests").path("data")) {
            if (e.path("path").asText().endsWith("/v1/responses") && e.path("body").toString().contains(question)) {
                comparedModels.add(e.path("body").path("model").asText());
                if (e.path("body").path("model").asText().equals(Y)) {
                    assertThat(e.path("body").has("temperature")).as("no sampling for a reasoning model").isFalse();
                }
            }
        }
        assertThat(comparedModels).containsExactlyInAnyOrder(x, Y);

        HttpResponse<String> migrated = admin.postForm("/console/models/migrate", Map.of("from", x, "to", Y,
                "_csrf", admin.csrf("/console/models")));
        assertThat(migrated.statusCode()).as(migrated.body()).isEqualTo(302);
        String page = admin.get("/console/models?msg=migrated").body();
        assertThat(page).contains("Модель заменена");
        String audit = page.substring(page.indexOf("data-testid=\"audit\""));
        assertThat(audit).contains(ConsoleUsers.ADMIN_EMAIL).contains(x).contains(Y).contains("chat (" + chatId + ")")
                .contains(other);
        assertThat(admin.get("/console/assistants?q=" + other).body()).contains(Y);

        JsonNode after = chatRequestFor(chatOnce("after"));
        assertThat(after.path("model").asText()).isEqualTo(Y);
        assertThat(after.path("instructions").asText()).startsWith(instructions);
        assertThat(after.has("temperature")).isFalse();

        // Rollback as for any edit: the version before the replacement, saved as the newest.
        String versions = admin.get("/console/assistants/" + chatId + "/versions").body();
        Matcher v = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(versions);
        List<Integer> numbers = new ArrayList<>();
        while (v.find()) {
            numbers.add(Integer.parseInt(v.group(1)));
        }
        int previous = numbers.stream().mapToInt(Integer::intValue).max().orElseThrow();
        HttpResponse<String> rolledBack = admin.postForm("/console/assistants/" + chatId + "/rollback",
                Map.of("version", String.valueOf(previous), "_csrf", admin.csrf("/console/assistants/" + chatId
                        + "/versions")));
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(302);
        assertThat(chatRequestFor(chatOnce("rolled-back")).path("model").asText()).isEqualTo(x);
    }

    /** Creates the assistant "chat" or saves a new version of it, through the console's forms; returns its id. */
    static String saveChatAssistant(ConsoleClient admin, String model, String instructions, String t) {
        String list = admin.get("/console/assistants?q=chat").body();
        Matcher m = ID.matcher(list);
        if (!m.find()) {
            return ConsoleUsers.createAssistant(admin, "chat", model, instructions, t, "");
        }
        String id = m.group(1);
        HttpResponse<String> saved = admin.postForm("/console/assistants/" + id, Map.of("model", model,
                "instructions", instructions, "temperature", t, "topP", "", "_csrf",
                admin.csrf("/console/assistants/" + id)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        return id;
    }

    /** Posts one visitor message with a unique text and waits for the AI's reply; returns the text. */
    static String chatOnce(String label) throws InterruptedException {
        String token = ("migration-" + label + "-" + System.nanoTime()).replaceAll("[^A-Za-z0-9_-]", "-");
        String text = "Проверка " + label + " " + System.nanoTime();
        HttpResponse<String> posted = PlatformStackFixture.send("POST", PlatformStackFixture.api() + "/gpt/",
                "{\"message\":\"" + text + "\"}", "chat-token", token);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        return kz.clinicai.local.chat.Await.until("a chat reply to " + text, java.time.Duration.ofSeconds(30), () -> {
            HttpResponse<String> got = PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/message/", null,
                    "chat-token", token);
            for (JsonNode msg : PlatformStackFixture.json(got).path("messages")) {
                if (msg.path("user").asText().equals("GPT")) {
                    return Optional.of(text);
                }
            }
            return Optional.empty();
        });
    }

    /** The body of the model request that carried the visitor's text. */
    static JsonNode chatRequestFor(String text) {
        JsonNode found = null;
        for (JsonNode e : PlatformStackFixture.sandboxGet("/openai/_requests").path("data")) {
            if (e.path("path").asText().endsWith("/v1/responses") && e.path("body").toString().contains(text)) {
                found = e.path("body");
            }
        }
        assertThat(found).as("the chat's model request with " + text).isNotNull();
        return found;
    }
}
