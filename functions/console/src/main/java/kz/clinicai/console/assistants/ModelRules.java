package kz.clinicai.console.assistants;

import java.util.Locale;

/**
 * Which models refuse sampling parameters: OpenAI answers 400 {@code unsupported_parameter} to temperature or top_p
 * on reasoning models (gpt-5 family, o-series), so the console refuses to save such a configuration instead of
 * letting the voicebot and the chat fail later.
 */
final class ModelRules {

    private ModelRules() {
    }

    static boolean acceptsSampling(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        if (m.startsWith("gpt://")) {
            return true; // YandexGPT through its OpenAI-compatible endpoint takes temperature
        }
        boolean oSeries = m.length() > 1 && m.charAt(0) == 'o' && Character.isDigit(m.charAt(1));
        boolean gpt5 = m.startsWith("gpt-5") && !m.startsWith("gpt-5-chat");
        return !(oSeries || gpt5);
    }
}
