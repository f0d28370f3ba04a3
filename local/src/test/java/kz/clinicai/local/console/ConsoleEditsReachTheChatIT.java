package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.PlatformStackFixture;
import org.junit.jupiter.api.Test;

/**
 * An edit in the console changes what the web chat says: the chat's reply worker reads the assistant named
 * {@code chat} from the shared store on every reply, so after each save the model request it sends carries the
 * console's newest model and instructions. (Live models are reasoning models and take no temperature: none is sent; the
 * sampling rule itself is unit-tested on a fixed date, since every model that takes sampling shuts down 2027-01-14.)
 */
class ConsoleEditsReachTheChatIT {

    private static final Pattern ID = Pattern.compile("data-name=\"chat\" data-id=\"(asst_[0-9a-f]+)\"");

    @Test
    void eachSavedVersionIsWhatTheNextChatReplyUses() throws Exception {
        ConsoleClient admin = ConsoleUsers.loggedInAdmin();
        String first = "Версия один " + System.nanoTime() + ": отвечай кратко.";
        String id = saveChatAssistant(admin, "gpt-6-luna", first, "");
        JsonNode sent = chatRequestFor(chatOnce("v1"));
        assertThat(sent.path("model").asText()).isEqualTo("gpt-6-luna");
        assertThat(sent.path("instructions").asText()).startsWith(first);
        assertThat(sent.has("temperature")).isFalse();

        String second = "Версия два " + System.nanoTime() + ": отвечай подробно.";
        assertThat(saveChatAssistant(admin, "gpt-5.5", second, "")).isEqualTo(id);
        JsonNode next = chatRequestFor(chatOnce("v2"));
        assertThat(next.path("model").asText()).isEqualTo("gpt-5.5");
        assertThat(next.path("instructions").asText()).startsWith(second);
        assertThat(next.has("temperature")).isFalse();
    }

    /** Creates the assistant "chat" or saves a new version of it, through the console's forms; returns its id. */
    private static String saveChatAssistant(ConsoleClient admin, String model, String instructions, String t) {
        String list = admin.get("/console/assistants?q=chat").body();
        Matcher m = ID.matcher(list);
        if (!m.find()) {
            return ConsoleUsers.createAssistant(admin, "chat", model, instructions, t, "");
        }
        String id = m.group(1);
        String token = admin.csrf("/console/assistants/" + id);
        HttpResponse<String> saved = admin.postForm("/console/assistants/" + id, Map.of("model", model,
                "instructions", instructions, "temperature", t, "topP", "", "_csrf", token));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        return id;
    }

    /** Posts one visitor message with a unique text and waits for the AI's reply; returns the text. */
    private static String chatOnce(String label) throws InterruptedException {
        String token = ("console-proof-" + label + "-" + System.nanoTime()).replaceAll("[^A-Za-z0-9_-]", "-");
        String text = "Проверка " + label + " " + System.nanoTime();
        HttpResponse<String> posted = PlatformStackFixture.send("POST", PlatformStackFixture.api() + "/gpt/",
                "{\"message\":\"" + text + "\"}", "chat-token", token);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        return kz.clinicai.local.chat.Await.until("a chat reply to " + text, java.time.Duration.ofSeconds(30), () -> {
            HttpResponse<String> got = PlatformStackFixture.send("GET", PlatformStackFixture.api() + "/message/", null,
                    "chat-token", token);
            for (JsonNode msg : PlatformStackFixture.json(got).path("messages")) {
                if (msg.path("user").asText().equals("GPT")) {
                    return java.util.Optional.of(text);
                }
            }
            return java.util.Optional.empty();
        });
    }

    /** The body of the model request that carried the visitor's text. */
    private static JsonNode chatRequestFor(String text) {
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
