package kz.clinicai.voicebot.llm;

import com.openai.core.JsonValue;
import com.openai.models.responses.FunctionTool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The function tools offered to the model, with strict JSON schemas (every property required, no extras). */
public final class VoicebotTools {
    public static final String GET_APPOINTMENT = "get_appointment";
    public static final String FIND_FREE_TIMES = "find_free_times";
    public static final String BOOK_TIME = "book_time";
    public static final String CHOOSE_OFFERED_TIME = "choose_offered_time";
    public static final String CANCEL_APPOINTMENT = "cancel_appointment";
    public static final String CONFIRM_APPOINTMENT = "confirm_appointment";
    public static final String NOT_UNDERSTOOD = "not_understood";

    private static final Map<String, Object> DATE = Map.of("type", "string",
            "description", "Дата в формате YYYY-MM-DD (вычисли из «сегодня», «завтра», дня недели)");
    private static final Map<String, Object> TIME = Map.of("type", "string",
            "description", "Время в формате HH:MM, 24 часа");

    public static final List<FunctionTool> ALL = List.of(
            tool(GET_APPOINTMENT, "Текущая запись пациента: дата, время, врач.", Map.of()),
            tool(FIND_FREE_TIMES, "Свободное время врача этой записи на день; пациент хочет перенести, но не назвал"
                            + " точное время или спрашивает, когда можно.",
                    props("date", DATE, "preferred_time", Map.of("type", List.of("string", "null"),
                            "description", "Желаемое время HH:MM или null; «утром» = 09:00, «днём» = 13:00,"
                                    + " «вечером» = 17:00"))),
            tool(BOOK_TIME, "Перенести запись на названные дату и время.", props("date", DATE, "time", TIME)),
            tool(CHOOSE_OFFERED_TIME, "Пациент выбирает один из ранее предложенных вариантов (первый, второй,"
                            + " третий).",
                    props("option", Map.of("type", "integer", "enum", List.of(1, 2, 3),
                            "description", "Номер варианта в порядке, в котором они были предложены"))),
            tool(CANCEL_APPOINTMENT, "Пациент отменяет запись.", Map.of()),
            tool(CONFIRM_APPOINTMENT, "Пациент подтверждает запись или ничего менять не нужно.", Map.of()),
            tool(NOT_UNDERSTOOD, "Реплика непонятна или не относится к записи.", Map.of()));

    private VoicebotTools() {
    }

    private static Map<String, Object> props(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static FunctionTool tool(String name, String description, Map<String, Object> properties) {
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
