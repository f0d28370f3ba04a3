package kz.clinicai.console.assistants;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import kz.clinicai.console.lifecycle.ModelAvailability;
import kz.clinicai.shared.openai.ModelCapabilities;

/**
 * What the assistant form (or an import, or the API) submits, as text; {@link #validate} turns it into checked
 * values or field errors in Russian. Defaults: gpt-6-luna (OpenAI's replacement for the gpt-4o/4.1 families) with
 * temperature and top_p empty — it is a reasoning model and the API refuses sampling parameters with it.
 */
public final class AssistantForm {

    public static final String DEFAULT_MODEL = ModelCapabilities.standard().defaultModel("responses");
    public static final String DEFAULT_TEMPERATURE = "";
    public static final String DEFAULT_TOP_P = "";
    static final int MAX_NAME = 100;
    static final int MAX_INSTRUCTIONS = 32_000;
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:/@-]{1,100}");
    private static final Pattern VECTOR_STORE = Pattern.compile("vs_[A-Za-z0-9_-]{1,100}");

    private String name = "";
    private String model = DEFAULT_MODEL;
    private String instructions = "";
    private String temperature = DEFAULT_TEMPERATURE;
    private String topP = DEFAULT_TOP_P;
    private List<String> vectorStoreIds = new ArrayList<>();

    public record Checked(String name, String model, String instructions, Double temperature, Double topP,
                          List<String> vectorStoreIds) {
    }

    /**
     * Field → message; empty when valid. {@code models} says where each model stands today: a model shut down, no
     * longer listed by OpenAI, or shutting down within 30 days is refused with its replacement named.
     */
    public Map<String, String> validate(ModelAvailability models) {
        Map<String, String> errors = new LinkedHashMap<>();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            errors.put("name", "Укажите название");
        } else if (n.length() > MAX_NAME) {
            errors.put("name", "Название длиннее " + MAX_NAME + " символов");
        } else if (n.contains("#")) {
            errors.put("name", "Символ # в названии недопустим");
        }
        String m = model == null ? "" : model.strip();
        if (!MODEL.matcher(m).matches()) {
            errors.put("model", "Укажите модель (например, " + DEFAULT_MODEL + ")");
        }
        if (instructions != null && instructions.length() > MAX_INSTRUCTIONS) {
            errors.put("instructions", "Инструкции длиннее " + MAX_INSTRUCTIONS + " символов");
        }
        Double t = number(temperature, 0, 2, "temperature", "Температура — число от 0 до 2", errors);
        Double p = number(topP, 0, 1, "topP", "top_p — число от 0 до 1", errors);
        if (!errors.containsKey("model") && !errors.containsKey("temperature") && !errors.containsKey("topP")) {
            // The platform's model capability table: what the OpenAI API would refuse on every turn.
            var capability = ModelCapabilities.standard().of(m);
            if (capability.isEmpty() || !capability.get().kind().equals("responses")) {
                errors.put("model", "Неизвестная модель " + m + ": выберите одну из "
                        + String.join(", ", ModelCapabilities.standard().choices("responses", models.today())));
            } else if (!capability.get().sampling() && (t != null || p != null)) {
                errors.put(t != null ? "temperature" : "topP", "Модель " + m
                        + " (рассуждающая) не принимает temperature и top_p: оставьте поля пустыми");
            } else {
                // The same lifecycle rule as every other saver (kz.clinicai.shared.openai.ModelLifecycle).
                var status = models.status(m);
                if (status.refused()) {
                    errors.put("model", status.russianReason());
                }
            }
        }
        for (String id : vectorStoreIds()) {
            if (!VECTOR_STORE.matcher(id).matches()) {
                errors.put("vectorStoreIds", "Неверный id векторного хранилища: " + id);
            }
        }
        return errors;
    }

    public Checked checked(ModelAvailability models) {
        Map<String, String> errors = validate(models);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("invalid form: " + errors);
        }
        return new Checked(name.strip(), model.strip(), instructions == null ? "" : instructions,
                parse(temperature), parse(topP), vectorStoreIds());
    }

    private static Double number(String text, double min, double max, String field, String message,
                                 Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text.strip().replace(',', '.'));
            if (Double.isNaN(v) || v < min || v > max) {
                errors.put(field, message);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.put(field, message);
            return null;
        }
    }

    private static Double parse(String text) {
        return text == null || text.isBlank() ? null : Double.parseDouble(text.strip().replace(',', '.'));
    }

    public static String format(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public String getInstructions() { return instructions; }
    public void setInstructions(String instructions) { this.instructions = instructions; }
    public String getTemperature() { return temperature; }
    public void setTemperature(String temperature) { this.temperature = temperature; }
    public String getTopP() { return topP; }
    public void setTopP(String topP) { this.topP = topP; }

    public List<String> getVectorStoreIds() { return vectorStoreIds; }

    public void setVectorStoreIds(List<String> ids) {
        this.vectorStoreIds = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
    }

    List<String> vectorStoreIds() {
        return vectorStoreIds.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
