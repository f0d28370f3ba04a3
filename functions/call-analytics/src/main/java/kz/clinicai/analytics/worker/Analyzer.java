package kz.clinicai.analytics.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseTextConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import kz.clinicai.analytics.profile.Criterion;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;

/**
 * The analysis of one transcript by the profile's criteria: Responses API with structured output (schema from
 * {@link CriteriaSchema}, strict), the answer validated against the same schema before it is accepted.
 */
public final class Analyzer {

    /** The model answered something the schema refuses (after one more try): a permanent failure of the call. */
    public static final class InvalidAnswer extends RuntimeException {
        InvalidAnswer(String message) {
            super(message);
        }
    }

    // Two hours of speech is about 130 000 characters; beyond that the end of the call is dropped, not the request.
    static final int MAX_TRANSCRIPT_CHARS = 150_000;
    /** The analysis prompt's fixed part, then one line per criterion; the wording is a resource, not code. */
    private static final String PREAMBLE = Texts.resource("analysis-instructions.txt");

    private final OpenAIClient openai;
    private final String model;
    private final UsageRecorder usage;
    private final Clock clock;

    private final String reasoningEffort;

    /** @param reasoningEffort the analysis' configured effort (ANALYSIS_REASONING_EFFORT); null: the model's own */
    public Analyzer(OpenAIClient openai, String model, UsageRecorder usage, Clock clock, String reasoningEffort) {
        this.reasoningEffort = reasoningEffort;
        this.openai = openai;
        this.model = model;
        this.usage = usage;
        this.clock = clock;
    }

    /** The validated answer: {@code {"summary":…, "criteria":{key:{value, evidence}}}}. */
    public JsonNode analyse(Profile profile, String transcript) {
        CriteriaSchema schema = new CriteriaSchema(profile.criteria());
        String problems = "";
        for (int attempt = 1; attempt <= 2; attempt++) {
            Response response = openai.responses().create(params(profile, schema, transcript));
            usage.record(Usage.ofResponse(Usage.Channel.CALL_ANALYTICS, profile.profileId(), response, clock.instant()));
            String text = outputText(response);
            try {
                JsonNode answer = Json.mapper().readTree(text);
                List<String> found = answer == null ? List.of("empty answer") : schema.problems(answer);
                if (found.isEmpty()) {
                    return answer;
                }
                problems = String.join("; ", found);
            } catch (java.io.IOException e) {
                problems = "answer is not JSON";
            }
        }
        throw new InvalidAnswer("analysis does not match the criteria schema: " + problems);
    }

    ResponseCreateParams params(Profile profile, CriteriaSchema schema, String transcript) {
        ResponseFormatTextJsonSchemaConfig.Schema.Builder s = ResponseFormatTextJsonSchemaConfig.Schema.builder();
        Map<String, Object> asMap = Json.mapper().convertValue(schema.json(), Map.class);
        asMap.forEach((k, v) -> s.putAdditionalProperty(k, JsonValue.from(v)));
        String text = transcript.length() > MAX_TRANSCRIPT_CHARS
                ? transcript.substring(0, MAX_TRANSCRIPT_CHARS) + Texts.get("analysis.truncated") : transcript;
        ResponseCreateParams.Builder params = ResponseCreateParams.builder()
                .model(model)
                .instructions(instructions(profile))
                .input(Texts.format("analysis.input", text))
                .text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig.builder()
                        .name(CriteriaSchema.NAME).schema(s.build()).strict(true).build()).build())
                .store(false);
        ModelTuning.apply(params, model, null, null, reasoningEffort);
        return params.build();
    }

    static String instructions(Profile profile) {
        StringBuilder b = new StringBuilder(PREAMBLE);
        for (Criterion c : profile.criteria()) {
            b.append("- ").append(c.key()).append(" («").append(c.title()).append("», ").append(typeText(c))
                    .append("): ").append(c.instructions()).append('\n');
        }
        return b.toString();
    }

    private static String typeText(Criterion c) {
        return switch (c.type()) {
            case "enum" -> Texts.format("type.enum", String.join(", ", c.values()));
            case "boolean", "score" -> Texts.get("type." + c.type());
            default -> Texts.get("type.text");
        };
    }

    static String outputText(Response response) {
        StringBuilder out = new StringBuilder();
        response.output().forEach(item -> item.message().ifPresent(m -> m.content().forEach(c ->
                c.outputText().ifPresent(t -> out.append(t.text())))));
        return out.toString();
    }
}
