package kz.clinicai.local.sandbox.voximplant.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripted person the simulator calls: how they answer ({@code human}, {@code voicemail}, {@code busy},
 * {@code no_answer}) and what they say, turn by turn, each after the bot's phrase ends (after {@code pause_ms}), or
 * over it ({@code interrupt}: barge-in), or nothing ({@code silence}), or hanging up ({@code hangup}). A turn with
 * {@code record_gone} makes its recording answer 404 (expired), as Voximplant's sometimes do; {@code secure_records}
 * puts the call's recordings in secure storage (download only with the account's JWT, else 401).
 *
 * <p>A script may differ per attempt ({@code "attempts": [{"answer":"no_answer"}, {"answer":"human", …}]}): each
 * dial of the number reaches the next one, the last answers every later dial; a callee who does not pick up the
 * first call and answers the retry.
 */
public record Callee(String answer, List<Utterance> utterances, boolean secureRecords) {

    public Callee(String answer, List<Utterance> utterances) {
        this(answer, utterances, false);
    }

    public record Utterance(String text, long pauseMs, boolean interrupt, boolean silence, boolean recordGone,
                            boolean hangup) {
    }

    /** Answers, says three things (the last one a goodbye) and hangs up. */
    public static Callee standard() {
        return new Callee("human", List.of(
                new Utterance("Да, здравствуйте. Слушаю вас.", 400, false, false, false, false),
                new Utterance("А сколько стоит консультация?", 500, false, false, false, false),
                new Utterance("Хорошо, спасибо, до свидания.", 500, false, false, false, false)));
    }

    /** The callee of each attempt: {@code attempts} when given (not empty), else the body itself. */
    public static List<Callee> parseAttempts(JsonNode body) {
        if (!body.has("attempts")) {
            return List.of(parse(body));
        }
        if (!body.get("attempts").isArray() || body.get("attempts").isEmpty()) {
            throw new IllegalArgumentException("attempts must be a non-empty array of callees");
        }
        if (body.has("answer") || body.has("utterances")) {
            throw new IllegalArgumentException("give either attempts or answer/utterances, not both");
        }
        List<Callee> out = new ArrayList<>();
        body.get("attempts").forEach(a -> out.add(parse(a)));
        return List.copyOf(out);
    }

    public static Callee parse(JsonNode node) {
        String answer = node.path("answer").asText("human");
        if (!List.of("human", "voicemail", "busy", "no_answer", "failed").contains(answer)) {
            throw new IllegalArgumentException("answer must be human, voicemail, busy, no_answer or failed");
        }
        List<Utterance> list = new ArrayList<>();
        for (JsonNode u : node.path("utterances")) {
            if (u.isTextual()) {
                list.add(new Utterance(u.asText(), 400, false, false, false, false));
                continue;
            }
            list.add(new Utterance(u.path("text").asText(""), u.path("pause_ms").asLong(400),
                    u.path("interrupt").asBoolean(false), u.path("silence").asBoolean(false),
                    u.path("record_gone").asBoolean(false), u.path("hangup").asBoolean(false)));
        }
        return new Callee(answer, List.copyOf(list), node.path("secure_records").asBoolean(false));
    }
}
