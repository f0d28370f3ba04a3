package kz.clinicai.local.sandbox.openai;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sandbox "billed": one entry per model call and line item (model + input/output, transcription, speech)
 * with its project and USD amount from the {@link Models} price table; {@code /v1/organization/costs} sums it.
 */
final class Ledger {

    /** The project of calls that send no OpenAI-Project header. */
    static final String DEFAULT_PROJECT = "proj_sandbox";

    record Entry(long epochSecond, String projectId, String lineItem, double amountUsd) {
    }

    private final Clock clock;
    private final Models models;
    private final List<Entry> entries = new ArrayList<>();

    Ledger(Clock clock, Models models) {
        this.clock = clock;
        this.models = models;
    }

    void tokens(String project, String model, long inputTokens, long outputTokens) {
        add(project, model + ", input", models.tokenCost(model, inputTokens, 0));
        add(project, model + ", output", models.tokenCost(model, 0, outputTokens));
    }

    void transcription(String project, String model, double seconds) {
        add(project, model + ", transcription", models.audioCost(model, seconds));
    }

    void speech(String project, String model, int characters) {
        add(project, model + ", speech", models.speechCost(model, characters));
    }

    private synchronized void add(String project, String lineItem, double amount) {
        entries.add(new Entry(clock.instant().getEpochSecond(), project == null ? DEFAULT_PROJECT : project, lineItem,
                amount));
    }

    synchronized List<Entry> between(long fromEpochSecond, long toEpochSecond) {
        return entries.stream().filter(e -> e.epochSecond() >= fromEpochSecond && e.epochSecond() < toEpochSecond)
                .toList();
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    synchronized void reset() {
        entries.clear();
    }
}
