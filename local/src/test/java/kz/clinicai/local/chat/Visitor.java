package kz.clinicai.local.chat;

import static kz.clinicai.local.chat.ChatStackFixture.api;
import static kz.clinicai.local.chat.ChatStackFixture.get;
import static kz.clinicai.local.chat.ChatStackFixture.json;
import static kz.clinicai.local.chat.ChatStackFixture.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import kz.clinicai.shared.json.Json;

/** A site visitor as the widget behaves: POST /gpt/, POST /operator/, polls GET /message/ with its token. */
final class Visitor {

    record Message(String text, String user, String date) {
    }

    final String token;
    /** Everything this visitor has received, in order. */
    final List<Message> received = new ArrayList<>();

    Visitor(String token) {
        this.token = token;
    }

    static Visitor fresh(String label) {
        return new Visitor(ChatStackFixture.newToken(label));
    }

    HttpResponse<String> say(String text) {
        try {
            return post(api() + "/gpt/", Map.of("chat-token", token, "Content-Type", "application/json"),
                    Json.mapper().writeValueAsString(Map.of("message", text)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> callOperator() {
        return post(api() + "/operator/", Map.of("chat-token", token), "");
    }

    List<Message> poll() {
        HttpResponse<String> response = get(api() + "/message/", Map.of("chat-token", token));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /message/ answered " + response.statusCode() + ": " + response.body());
        }
        List<Message> out = new ArrayList<>();
        for (JsonNode m : json(response).path("messages")) {
            out.add(new Message(m.path("message").asText(), m.path("user").asText(), m.path("date_create").asText()));
        }
        received.addAll(out);
        return out;
    }

    /** Polls until a received message matches; returns it. */
    Message awaitMessage(String what, Predicate<Message> match) {
        return Await.until(what, Duration.ofSeconds(20), () -> {
            Optional<Message> seen = received.stream().filter(match).findFirst();
            if (seen.isPresent()) {
                return seen;
            }
            poll();
            return received.stream().filter(match).findFirst();
        });
    }

    Message awaitFrom(String user) {
        return awaitMessage("a message from " + user + " to " + token, m -> m.user().equals(user));
    }
}
