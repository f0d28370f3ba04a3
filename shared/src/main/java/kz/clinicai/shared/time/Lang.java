package kz.clinicai.shared.time;

import java.util.Locale;

/** The languages the clinics' callers and patients use. */
public enum Lang {
    RU(Locale.forLanguageTag("ru")),
    KK(Locale.forLanguageTag("kk"));

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }
}
