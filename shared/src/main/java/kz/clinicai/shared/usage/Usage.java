package kz.clinicai.shared.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * One metered model call: what the console prices as spend by channel and by clinic/profile.
 *
 * @param channel      which capability made the call ({@link Channel})
 * @param scope        whose traffic it was: clinic slug, analytics profile id, assistant name, call id…; never
 *                     personal data
 * @param model        the model name as sent to the provider
 * @param inputTokens  prompt tokens (0 where the provider meters audio seconds instead)
 * @param outputTokens completion tokens
 * @param audioSeconds seconds of audio transcribed or spoken (0 for text calls)
 * @param at           when the call finished
 */
public record Usage(Channel channel, String scope, String model, long inputTokens, long outputTokens,
                    double audioSeconds, Instant at) {

    public Usage {
        Objects.requireNonNull(channel, "channel");
        scope = scope == null || scope.isBlank() ? "-" : scope;
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(at, "at");
        if (inputTokens < 0 || outputTokens < 0 || !(audioSeconds >= 0) || Double.isInfinite(audioSeconds)) {
            throw new IllegalArgumentException("usage figures must be finite and >= 0");
        }
    }

    public static Usage tokens(Channel channel, String scope, String model, long input, long output, Instant at) {
        return new Usage(channel, scope, model, input, output, 0, at);
    }

    /** The usage a Responses API answer reports (zero tokens where the provider reported none). */
    public static Usage ofResponse(Channel channel, String scope, com.openai.models.responses.Response response,
                                   Instant at) {
        long in = response.usage().map(u -> u.inputTokens()).orElse(0L);
        long out = response.usage().map(u -> u.outputTokens()).orElse(0L);
        com.openai.models.ResponsesModel m = response.model();
        String model = m.string().orElseGet(() -> m.isChat() ? m.asChat().asString() : m.asOnly().asString());
        return tokens(channel, scope, model, in, out, at);
    }

    public static Usage audio(Channel channel, String scope, String model, double seconds, Instant at) {
        return new Usage(channel, scope, model, 0, 0, seconds, at);
    }

    /** The capabilities whose spend the console shows apart. */
    public enum Channel {
        VOICEBOT, CHAT, CALL_ANALYTICS, CALLS, CONSOLE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Channel fromId(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }
}
