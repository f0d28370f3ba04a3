package kz.clinicai.calls.webhook;

import java.time.LocalDate;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What the platform itself says when the model does not, and what it tells the model, per language: the resource
 * bundle {@code phrases} beside this class (Russian base, Kazakh {@code phrases_kk}). Any language but {@code kk}
 * gets the Russian texts.
 */
final class Phrases {

    private static final ResourceBundle RU = bundle(Locale.ROOT);
    private static final ResourceBundle KK = bundle(Locale.forLanguageTag("kk"));

    private Phrases() {
    }

    private static ResourceBundle bundle(Locale locale) {
        // No fallback to the JVM's default locale: a Lambda's locale must not pick the texts.
        return ResourceBundle.getBundle("kz.clinicai.calls.webhook.phrases", locale, Phrases.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static String text(String lang, String key) {
        return ("kk".equals(lang) ? KK : RU).getString(key);
    }

    /** The assistant's instructions when the call names none. */
    static String instructions(String lang) {
        return text(lang, "instructions");
    }

    static String greeting(String lang) {
        return text(lang, "greeting");
    }

    static String voicemail() {
        return RU.getString("voicemail");
    }

    /** Appended to every turn's instructions. */
    static String turnRules(LocalDate today) {
        return RU.getString("turn_rules").replace("{date}", today.toString());
    }

    static String outcomeInstructions() {
        return RU.getString("outcome_instructions");
    }

    /** The transcript's note of a transfer, naming the operator's masked number. */
    static String transferred(String maskedPhone) {
        return RU.getString("transferred").replace("{phone}", maskedPhone);
    }

    static String filler(String lang) {
        return text(lang, "filler");
    }

    static String apology(String lang) {
        return text(lang, "apology");
    }

    static String transfer(String lang) {
        return text(lang, "transfer");
    }

    static String goodbye(String lang) {
        return text(lang, "goodbye");
    }

    static String silence(String lang) {
        return text(lang, "silence");
    }

    /** The scenario says it when a turn got no answer from the platform (network, timeout). */
    static String repeat(String lang) {
        return text(lang, "repeat");
    }

    /** The scenario says it, then hangs up, when a realtime call cannot reach the model. */
    static String unavailable(String lang) {
        return text(lang, "unavailable");
    }

    /** The scenario says it, then hangs up, when the operator does not answer a transfer. */
    static String operatorBusy(String lang) {
        return text(lang, "operator_busy");
    }
}
