package kz.clinicai.shared.time;

import java.util.Locale;

/** Placeholder until the shared-lib branch lands (same API). */
public enum Lang {
    RU(Locale.forLanguageTag("ru")), KK(Locale.forLanguageTag("kk"));

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }
}
