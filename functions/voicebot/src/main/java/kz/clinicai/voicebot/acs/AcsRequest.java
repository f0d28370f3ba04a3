package kz.clinicai.voicebot.acs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import kz.clinicai.shared.json.Json;

/** One recognised utterance of the patient about an appointment. */
public record AcsRequest(long appointmentId, String userInput) {
    public static final int MAX_USER_INPUT_CHARS = 1_000;
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** Parses and validates ACS's JSON body. @throws AcsRequestException 400/413 for anything unusable */
    public static AcsRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new AcsRequestException(400, "Пустой запрос");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new AcsRequestException(413, "Запрос длиннее " + MAX_BODY_BYTES + " байт");
        }
        JsonNode root;
        try {
            // Strict: one JSON value and nothing after it, no duplicate keys.
            root = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AcsRequestException(400, "Некорректный JSON");
        }
        if (root == null || !root.isObject()) {
            throw new AcsRequestException(400, "Ожидается JSON-объект");
        }
        return new AcsRequest(appointmentId(root.get("appointment_id")), userInput(root.get("user_input")));
    }

    private static long appointmentId(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new AcsRequestException(400, "Не указан appointment_id");
        }
        long id;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            id = node.longValue();
        } else if (node.isTextual() && node.asText().trim().matches("\\d{1,18}")) {
            id = Long.parseLong(node.asText().trim());
        } else {
            throw new AcsRequestException(400, "appointment_id должен быть числом");
        }
        if (id <= 0) {
            throw new AcsRequestException(400, "appointment_id должен быть положительным");
        }
        return id;
    }

    private static String userInput(JsonNode node) {
        if (node == null || node.isNull() || !node.isTextual()) {
            throw new AcsRequestException(400, "Не указан user_input");
        }
        String text = node.asText().strip();
        if (text.isEmpty()) {
            throw new AcsRequestException(400, "Пустой user_input");
        }
        if (text.length() > MAX_USER_INPUT_CHARS) {
            throw new AcsRequestException(400, "user_input длиннее " + MAX_USER_INPUT_CHARS + " символов");
        }
        return text;
    }
}
