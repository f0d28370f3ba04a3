package kz.clinicai.console.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.openai.ModelLifecycle;
import org.junit.jupiter.api.Test;

class ModelLifecycleCheckTest {

    final InMemoryLifecycleStore store = new InMemoryLifecycleStore();
    final List<String> sent = new ArrayList<>();
    final ByteArrayOutputStream emf = new ByteArrayOutputStream();
    final Map<String, Optional<LocalDate>> openAiLists = new LinkedHashMap<>();
    boolean telegramDown;

    ModelLifecycleCheck check(String day, Map<String, String> template, Map<String, String> assistants) {
        Clock clock = Clock.fixed(Instant.parse(day + "T03:00:00Z"), ZoneOffset.UTC);
        return new ModelLifecycleCheck(() -> ModelLifecycleCheck.merge(template, assistants), () -> openAiLists,
                ModelLifecycle.standard(), store, text -> {
                    if (telegramDown) {
                        throw new IllegalStateException("SQS unreachable");
                    }
                    sent.add(text);
                }, new EmbeddedMetrics("clinicai", new PrintStream(emf, true, StandardCharsets.UTF_8), clock), clock);
    }

    @Test
    void eachModelAndThresholdIsToldOnceAndAnUnlistedModelIsGoneTheSameDay() throws Exception {
        openAiLists.put("gpt-4.1-mini", Optional.of(LocalDate.parse("2027-01-14")));
        openAiLists.put("gpt-6-luna", Optional.empty());
        Map<String, String> template = Map.of("VoicebotModel", "gpt-4.1-mini", "ChatModel", "gpt-6-luna");
        // "gpt-6-sol" is used by an assistant but OpenAI's list no longer names it.
        Map<String, String> assistants = Map.of("chat", "gpt-4.1-mini", "clinic", "gpt-6-sol",
                "yandex", "gpt://b1g/yandexgpt/latest");

        ModelLifecycleCheck.Result first = check("2026-12-07", template, assistants).run();
        ModelLifecycleCheck.Result again = check("2026-12-07", template, assistants).run();

        Findings f = first.findings();
        assertThat(f.models()).extracting(Finding::model).containsExactlyInAnyOrder("gpt-4.1-mini", "gpt-6-luna",
                "gpt-6-sol");
        assertThat(f.of("gpt-4.1-mini").orElseThrow().usedBy()).containsExactly("template:VoicebotModel",
                "assistant:chat");
        assertThat(f.of("gpt-4.1-mini").orElseThrow().daysLeft()).isEqualTo(38);
        assertThat(f.goneCount()).isEqualTo(1);
        assertThat(f.nearestDays()).contains(0L);
        assertThat(first.noticesSent()).containsExactlyInAnyOrder("gpt-4.1-mini#60", "gpt-6-sol#0");
        assertThat(again.noticesSent()).isEmpty();
        assertThat(sent).hasSize(2);
        assertThat(sent).anySatisfy(t -> assertThat(t).contains("gpt-4.1-mini", "через 38 дней", "замена gpt-6-luna"));
        assertThat(sent).anySatisfy(t -> assertThat(t).contains("gpt-6-sol", "больше не предлагается"));
        assertThat(store.latest()).contains(again.findings());

        // Weeks later the same model crosses 30 and then 7 days: one notice at each.
        check("2026-12-15", template, assistants).run();
        check("2026-12-16", template, assistants).run();
        check("2027-01-08", template, assistants).run();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(2)).contains("через 30 дней");
        assertThat(sent.get(3)).contains("через 6 дней");

        String[] lines = emf.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(5);
        JsonNode line = Json.mapper().readTree(lines[0]);
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("clinicai");
        assertThat(directive.path("Metrics").findValuesAsText("Name"))
                .containsExactly("ModelsInUse", "ModelsInUseGone", "ModelDaysToNearestShutdown");
        assertThat(line.path("ModelsInUseGone").asLong()).isEqualTo(1);
        assertThat(line.path("ModelDaysToNearestShutdown").asLong()).isZero();
        assertThat(line.path("ModelsInUse").asLong()).isEqualTo(3);
        assertThat(line.path("_aws").path("Timestamp").asLong())
                .isEqualTo(Instant.parse("2026-12-07T03:00:00Z").toEpochMilli());
    }

    @Test
    void aNoticeThatCouldNotBeQueuedIsSentByTheNextRun() {
        openAiLists.put("gpt-6-luna", Optional.empty());
        Map<String, String> assistants = Map.of("clinic", "gpt-4o-mini");
        telegramDown = true;
        assertThat(check("2026-12-07", Map.of(), assistants).run().noticesSent()).isEmpty();
        telegramDown = false;
        assertThat(check("2026-12-08", Map.of(), assistants).run().noticesSent()).containsExactly("gpt-4o-mini#0");
        assertThat(sent).singleElement().asString().contains("gpt-4o-mini", "больше не предлагается", "gpt-6-luna");
    }

    @Test
    void nothingDyingMeansNoNoticeNoGoneAndNoNearestValue() {
        openAiLists.put("gpt-6-luna", Optional.empty());
        ModelLifecycleCheck.Result r = check("2026-12-07", Map.of("ChatModel", "gpt-6-luna"), Map.of()).run();
        assertThat(r.noticesSent()).isEmpty();
        assertThat(EmbeddedMetrics.values(r.findings())).containsEntry("ModelsInUseGone", 0L)
                .doesNotContainKey("ModelDaysToNearestShutdown");
    }

    @Test
    void templateModelsAreReadAsNameEqualsModel() {
        assertThat(ModelLifecycleCheck.templateModels("VoicebotModel=gpt-6-luna, ChatModel=,CallsModel=gpt-5.5"))
                .containsExactly(Map.entry("VoicebotModel", "gpt-6-luna"), Map.entry("CallsModel", "gpt-5.5"));
    }
}
