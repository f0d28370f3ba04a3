package kz.clinicai.calls.call;

/**
 * One line of the dialogue.
 *
 * @param role  {@code assistant} (spoken by the bot), {@code user} (the callee), {@code system} (platform notes:
 *              transfer, fallback phrases)
 * @param text  what was said
 * @param at    ISO-8601 instant
 * @param note  optional marker: {@code greeting}, {@code filler} (model unavailable), {@code apology} (recording
 *              gone), {@code interrupted} (barge-in), {@code transfer}, {@code end}
 */
public record Turn(String role, String text, String at, String note) {

    public static final String ASSISTANT = "assistant";
    public static final String USER = "user";
}
