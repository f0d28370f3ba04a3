package kz.clinicai.shared.openai;

import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.ResponseCreateParams;
import java.util.Optional;
import kz.clinicai.shared.config.Env;
import kz.clinicai.shared.config.InvalidEnvironmentException;

/**
 * Sets on a Responses request only what its model takes, from the capability table: {@code reasoning.effort} (the
 * configured effort, or the nearest one the model accepts — reasoning models reason at their own default, usually
 * medium, when none is sent, so each use states its effort) and the sampling parameters (refused by reasoning models).
 * A non-reasoning model gets no effort (the API refuses it), an unknown model neither effort nor sampling.
 */
public final class ModelTuning {

    private ModelTuning() {
    }

    /**
     * @param effort the use's configured effort (a template parameter), or null/blank for the model's own default
     * @return the effort actually sent, if any (for logs and usage)
     */
    public static Optional<String> apply(ResponseCreateParams.Builder builder, String model, Double temperature,
            Double topP, String effort) {
        ModelCapabilities table = ModelCapabilities.standard();
        ModelCapabilities.Sampling sampling = table.sampling(model, temperature, topP);
        sampling.temperature().ifPresent(builder::temperature);
        sampling.topP().ifPresent(builder::topP);
        Optional<String> sent = table.reasoningEffort(model, effort);
        sent.ifPresent(e -> builder.reasoning(Reasoning.builder().effort(ReasoningEffort.of(e)).build()));
        return sent;
    }

    /**
     * A use's configured effort from the environment: one OpenAI names (none … max), or empty for the model's own
     * default; a typo fails at init, not on every call.
     */
    public static String effortFromEnv(Env env, String name, String defaultEffort) {
        String effort = env.get(name, defaultEffort);
        if (effort != null && !effort.isBlank() && !ModelCapabilities.EFFORT_ORDER.contains(effort)) {
            throw new InvalidEnvironmentException(name, effort, "one of " + ModelCapabilities.EFFORT_ORDER
                    + " or empty");
        }
        return effort;
    }
}
