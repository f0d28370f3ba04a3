package kz.clinicai.shared.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.Test;

class ModelCapabilitiesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void everyDefaultIsALiveModelOfItsKindThatOutlivesSixtyDays() {
        ModelCapabilities table = ModelCapabilities.standard();
        for (String kind : java.util.List.of("responses", "transcription", "live-transcription", "realtime")) {
            String model = table.defaultModel(kind);
            assertThat(table.of(model)).as(kind + " default " + model).map(ModelCapabilities.Capability::kind)
                    .contains(kind);
            assertThat(table.choices(kind, TODAY)).as(kind + " default is offered").contains(model);
            assertThat(table.daysUntilShutdown(model, TODAY)).as(kind + " default " + model).isGreaterThan(60);
        }
        assertThatThrownBy(() -> table.defaultModel("speech")).hasMessageContaining("no default speech model");
    }

    private final ModelCapabilities models = ModelCapabilities.standard();

    @Test
    void reasoningModelsTakeNoSamplingParametersChatModelsDo() {
        for (String reasoning : new String[] {"gpt-5", "gpt-5-mini", "gpt-5.2", "gpt-5-2025-08-07", "o3", "o4-mini",
                "o1", "gpt-6-sol", "gpt-6-luna", "gpt-6.1-sol", "gpt-5.4"}) {
            assertThat(models.acceptsSampling(reasoning)).as(reasoning).isFalse();
            assertThat(models.sampling(reasoning, 0.3, 0.15))
                    .isEqualTo(new ModelCapabilities.Sampling(Optional.empty(), Optional.empty()));
        }
        for (String chat : new String[] {"gpt-4.1-mini", "gpt-4o-mini", "gpt-4.1-mini-2025-04-14", "gpt-5-chat-latest",
                "gpt-5.1-chat-latest", "gpt://b1gfolder/yandexgpt/latest"}) {
            assertThat(models.acceptsSampling(chat)).as(chat).isTrue();
        }
        assertThat(models.sampling("gpt-4.1-mini", 0.3, null))
                .isEqualTo(new ModelCapabilities.Sampling(Optional.of(0.3), Optional.empty()));
        // Unknown: nothing sampling-related is sent, which the API never refuses.
        assertThat(models.sampling("gpt-test", 0.3, 0.1).temperature()).isEmpty();
    }

    @Test
    void reasoningEffortsArePerModelAndAbsentForChatModels() {
        assertThat(models.reasoningEfforts("gpt-6-luna")).containsExactly("none", "low", "medium", "high", "xhigh", "max");
        assertThat(models.reasoningEfforts("gpt-6.1-sol")).doesNotContain("none").contains("low", "max");
        assertThat(models.reasoningEfforts("gpt-5")).containsExactly("minimal", "low", "medium", "high");
        assertThat(models.reasoningEfforts("gpt-5.1")).containsExactly("none", "low", "medium", "high");
        assertThat(models.reasoningEfforts("o3")).containsExactly("low", "medium", "high");
        assertThat(models.reasoningEfforts("gpt-4.1-mini")).isEmpty();
        assertThat(models.reasoningEfforts("gpt://f/yandexgpt/latest")).isEmpty();
        assertThat(models.reasoningEfforts("gpt-test")).isEmpty();
        assertThat(models.reasoningEfforts("gpt-transcribe")).isEmpty();
        assertThat(models.of("gpt-6-luna")).hasValueSatisfying(c -> assertThat(c.reasoning()).isTrue());
    }

    @Test
    void aConfiguredEffortIsSentOnlyAsTheModelTakesIt() {
        assertThat(models.reasoningEffort("gpt-6-luna", "none")).contains("none");
        assertThat(models.reasoningEffort("gpt-6-luna", "high")).contains("high");
        // gpt-6.1-sol has no 'none': the lowest it takes.
        assertThat(models.reasoningEffort("gpt-6.1-sol", "none")).contains("low");
        // gpt-5 has 'minimal' but no 'none' and no 'xhigh'.
        assertThat(models.reasoningEffort("gpt-5", "none")).contains("minimal");
        assertThat(models.reasoningEffort("gpt-5", "xhigh")).contains("high");
        assertThat(models.reasoningEffort("gpt-6-luna", "minimal")).contains("low");
        // Non-reasoning and unknown models: never sent (the API refuses reasoning.effort on them).
        assertThat(models.reasoningEffort("gpt-4.1-mini", "low")).isEmpty();
        assertThat(models.reasoningEffort("gpt-test", "low")).isEmpty();
        assertThat(models.reasoningEffort("gpt-6-luna", "")).isEmpty();
        assertThat(models.reasoningEffort("gpt-6-luna", null)).isEmpty();
    }

    @Test
    void shutdownDatesAndReplacementsAsPublished() {
        assertThat(models.shutdownDate("gpt-4.1-mini")).contains(LocalDate.of(2027, 1, 14));
        assertThat(models.replacement("gpt-4.1-mini")).contains("gpt-6-luna");
        assertThat(models.replacement("gpt-4o-mini")).contains("gpt-6-luna");
        // Dated snapshots by family.
        assertThat(models.shutdownDate("gpt-4.1-mini-2025-04-14")).contains(LocalDate.of(2027, 1, 14));
        assertThat(models.shutdownDate("gpt-4.1-nano-2025-04-14")).contains(LocalDate.of(2026, 10, 23));
        assertThat(models.shutdownDate("gpt-5-mini-2025-08-07")).contains(LocalDate.of(2026, 12, 11));
        assertThat(models.shutdownDate("gpt-4o-mini-transcribe-2025-12-15")).contains(LocalDate.of(2027, 2, 26));
        assertThat(models.shutdownDate("gpt-4o-mini-tts-2025-12-15")).contains(LocalDate.of(2027, 1, 6));
        assertThat(models.replacement("whisper-1")).contains("gpt-transcribe");
        assertThat(models.shutdownDate("gpt-6-luna")).isEmpty();
        assertThat(models.replacement("gpt-6-luna")).isEmpty();
        assertThat(models.shutdownDate("gpt-test")).isEmpty();
    }

    @Test
    void shutDownFromTheShutdownDayOn() {
        LocalDate day = LocalDate.of(2027, 1, 14);
        assertThat(models.isShutDown("gpt-4.1-mini", day.minusDays(1))).isFalse();
        assertThat(models.isShutDown("gpt-4.1-mini", day)).isTrue();
        assertThat(models.isShutDown("o4-mini", TODAY)).isTrue();
        assertThat(models.isShutDown("gpt-6-luna", LocalDate.of(2099, 1, 1))).isFalse();
        assertThat(models.daysUntilShutdown("gpt-4.1-mini", TODAY)).isEqualTo(38);
        assertThat(models.daysUntilShutdown("gpt-4.1-mini", day)).isZero();
        assertThat(models.daysUntilShutdown("o4-mini", TODAY)).isNegative();
        assertThat(models.daysUntilShutdown("gpt-6-luna", TODAY)).isEqualTo(Long.MAX_VALUE);
        assertThat(models.daysUntilShutdown("gpt-test", TODAY)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void onlyLiveModelsAreOfferedRetiredOnesStayKnown() {
        assertThat(models.choices("responses", TODAY)).contains("gpt-6-luna", "gpt-6-sol", "gpt-6.1-sol")
                .doesNotContain("gpt-4.1-mini", "gpt-4o-mini", "gpt-5", "o3", "o4-mini", "o1", "gpt-4.1-nano");
        assertThat(models.choices("responses", TODAY).get(0)).isEqualTo("gpt-6-luna");
        assertThat(models.choices("transcription", TODAY)).containsExactly("gpt-transcribe");
        assertThat(models.choices("live-transcription", TODAY)).containsExactly("gpt-live-transcribe");
        assertThat(models.choices("realtime", TODAY)).doesNotContain("gpt-realtime", "gpt-realtime-mini");
        // No live model on /v1/audio/speech: OpenAI retires all three and names a Realtime model as the replacement.
        assertThat(models.choices("speech", TODAY)).isEmpty();
        assertThat(models.known()).contains("gpt-4.1-mini", "o4-mini", "tts-1", "whisper-1");
        assertThat(models.of("gpt-4.1-mini")).hasValueSatisfying(c -> {
            assertThat(c.structuredOutput()).isTrue();
            assertThat(c.fileSearch()).isTrue();
            assertThat(c.offered()).isFalse();
        });
        assertThat(models.of("gpt://f/yandexgpt/latest")).hasValueSatisfying(c -> assertThat(c.fileSearch()).isFalse());
    }

    @Test
    void anOfferedModelDisappearsFromTheChoicesOnItsShutdownDay() throws Exception {
        ModelCapabilities table = new ModelCapabilities(Json.mapper().readTree("""
                {"models": {"a": {"kind": "responses", "shutdown": "2027-01-14"}, "b": {"kind": "responses"}}}"""));
        assertThat(table.choices("responses", LocalDate.of(2027, 1, 13))).containsExactly("a", "b");
        assertThat(table.choices("responses", LocalDate.of(2027, 1, 14))).containsExactly("b");
    }

    @Test
    void aMalformedShutdownDateFailsLoudly() {
        assertThatThrownBy(() -> new ModelCapabilities(Json.mapper().readTree("""
                {"models": {"a": {"kind": "responses", "shutdown": "14.01.2027"}}}""")))
                .hasMessageContaining("bad shutdown date for a");
    }

    @Test
    void everyNamedReplacementIsInTheTableAndOffered() {
        for (String model : models.known()) {
            models.replacement(model).ifPresent(r -> assertThat(models.choices(models.of(r).orElseThrow().kind(), TODAY))
                    .as(model + " -> " + r).contains(r));
        }
    }

    @Test
    void refusalsExplainWhatTheApiWouldRefuse() {
        assertThat(models.refusal("gpt-6-luna", 0.3, null)).hasValueSatisfying(m ->
                assertThat(m).contains("gpt-6-luna", "reasoning model", "temperature", "unsupported_parameter"));
        assertThat(models.refusal("o4-mini", null, 0.15)).hasValueSatisfying(m -> assertThat(m).contains("top_p"));
        assertThat(models.refusal("gpt-6-luna", null, null)).isEmpty();
        assertThat(models.refusal("gpt-4.1-mini", 0.3, 0.15)).isEmpty();
        assertThat(models.refusal("gtp-4.1-mini", null, null)).hasValueSatisfying(m ->
                assertThat(m).contains("Unknown model", "gpt-6-luna"));
        assertThat(models.refusal("gpt-transcribe", null, null)).hasValueSatisfying(m -> assertThat(m).contains("transcription"));
    }
}
