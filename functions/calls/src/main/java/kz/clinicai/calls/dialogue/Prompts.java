package kz.clinicai.calls.dialogue;

import java.util.ResourceBundle;

/** What the call's model is told besides the call's own instructions: the resource bundle {@code prompts} beside it. */
final class Prompts {

    private static final ResourceBundle TEXTS = ResourceBundle.getBundle("kz.clinicai.calls.dialogue.prompts",
            java.util.Locale.ROOT, Prompts.class.getClassLoader(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    private Prompts() {
    }

    static String text(String key) {
        return TEXTS.getString(key);
    }
}
