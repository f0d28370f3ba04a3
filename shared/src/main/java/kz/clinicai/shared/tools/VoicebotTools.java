package kz.clinicai.shared.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.models.responses.FunctionTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.clinicai.shared.json.Json;

/**
 * The function tools offered to the model, with strict JSON schemas (every property required, no extras). The
 * names are the code's; the descriptions and schemas the model reads live in {@value #RESOURCE}.
 */
public final class VoicebotTools {
    public static final String GET_APPOINTMENT = "get_appointment";
    public static final String FIND_FREE_TIMES = "find_free_times";
    public static final String BOOK_TIME = "book_time";
    public static final String CHOOSE_OFFERED_TIME = "choose_offered_time";
    public static final String CANCEL_APPOINTMENT = "cancel_appointment";
    public static final String CONFIRM_APPOINTMENT = "confirm_appointment";
    public static final String NOT_UNDERSTOOD = "not_understood";

    static final String RESOURCE = "/kz/clinicai/shared/tools/tools.ru.json";
    private static final List<String> NAMES = List.of(GET_APPOINTMENT, FIND_FREE_TIMES, BOOK_TIME, CHOOSE_OFFERED_TIME,
            CANCEL_APPOINTMENT, CONFIRM_APPOINTMENT, NOT_UNDERSTOOD);

    public static final List<FunctionTool> ALL = load();

    private VoicebotTools() {
    }

    /** The resource's tools, in its order; it must describe exactly the tools the code runs. */
    static List<FunctionTool> load() {
        JsonNode root;
        try (InputStream in = VoicebotTools.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            root = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<FunctionTool> tools = new ArrayList<>();
        for (JsonNode tool : root.path("tools")) {
            Map<String, Object> properties = Json.mapper().convertValue(tool.path("properties"),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
            tools.add(tool(tool.path("name").asText(), tool.path("description").asText(), properties));
        }
        if (!Set.copyOf(tools.stream().map(FunctionTool::name).toList()).equals(Set.copyOf(NAMES))
                || tools.size() != NAMES.size()) {
            throw new IllegalStateException(RESOURCE + " must describe exactly the tools " + NAMES);
        }
        return List.copyOf(tools);
    }

    private static FunctionTool tool(String name, String description, Map<String, Object> properties) {
        if (description.isBlank()) {
            throw new IllegalStateException(RESOURCE + ": tool " + name + " has no description");
        }
        return FunctionTool.builder()
                .name(name)
                .description(description)
                .strict(true)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(properties))
                        .putAdditionalProperty("required", JsonValue.from(List.copyOf(properties.keySet())))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .build();
    }
}
