package kz.clinicai.analytics.calls;

/**
 * Steps of one call. A retry resumes at the first unfinished step: a stored recording is not downloaded again, a
 * stored transcript is not paid for again, a stored analysis is not asked for again.
 */
public enum CallStatus {
    QUEUED(false, "в очереди"),
    RECORDED(false, "запись сохранена"),
    TRANSCRIBED(false, "расшифрован"),
    ANALYSED(true, "проанализирован"),
    NO_SPEECH(true, "нет речи"),
    MISSED(true, "пропущен"),
    FAILED(true, "ошибка");

    private final boolean terminal;
    private final String sheetText;

    CallStatus(boolean terminal, String sheetText) {
        this.terminal = terminal;
        this.sheetText = sheetText;
    }

    /** Nothing more to do but the sheet row. */
    public boolean terminal() {
        return terminal;
    }

    /** The status cell of the row. */
    public String sheetText() {
        return sheetText;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CallStatus fromId(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
