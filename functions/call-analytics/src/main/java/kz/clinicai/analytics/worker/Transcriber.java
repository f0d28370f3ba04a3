package kz.clinicai.analytics.worker;

import java.time.Duration;
import kz.clinicai.shared.retry.Backoff;
import com.openai.client.OpenAIClient;
import com.openai.models.audio.transcriptions.Transcription;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.RateLimitException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;

/** OpenAI audio transcriptions ({@code POST /v1/audio/transcriptions}) of one part; usage recorded per part. */
public final class Transcriber {

    /** The text of one part and the audio seconds it was billed for (or measured, when the API reports tokens). */
    public record Result(String text, double seconds) {
    }

    static final int RETRIES = 3;

    private final OpenAIClient openai;
    private final String model;
    private final UsageRecorder usage;
    private final Clock clock;

    public Transcriber(OpenAIClient openai, String model, UsageRecorder usage, Clock clock) {
        this.openai = openai;
        this.model = model;
        this.usage = usage;
        this.clock = clock;
    }

    public String model() {
        return model;
    }

    /**
     * openai-java does not repeat a multipart upload (its body is a one-shot stream), so the retryable failures
     * (429 rate_limit_exceeded, 5xx, I/O and timeouts) are retried here: 1 s·2ⁿ with jitter, {@link #RETRIES} times.
     * insufficient_quota and 4xx are not retried.
     */
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(16));

    private Transcription withRetries(TranscriptionCreateParams params) {
        for (int attempt = 0; ; attempt++) {
            try {
                return openai.audio().transcriptions().create(params).asTranscription();
            } catch (RateLimitException | InternalServerException | OpenAIIoException | OpenAIRetryableException e) {
                boolean quota = e instanceof RateLimitException && String.valueOf(e.getMessage()).contains("insufficient_quota");
                if (quota || attempt >= RETRIES) {
                    throw e;
                }
                if (!BACKOFF.sleepBefore(attempt + 1)) {
                    throw e;
                }
            }
        }
    }

    /**
     * @param file       a part; the file name's extension tells the API its format
     * @param seconds    the part's length as measured (-1 if unknown)
     * @param languages  hints ({@code languages[]})
     * @param vocabulary names and terms, passed as the prompt
     */
    public Result transcribe(String profileId, Path file, double seconds, List<String> languages, List<String> vocabulary) {
        TranscriptionCreateParams.Builder params = TranscriptionCreateParams.builder().model(model).file(file);
        if (!languages.isEmpty()) {
            if (languages.size() == 1 || model.startsWith("whisper")) {
                params.language(languages.get(0));
            } else {
                params.languages(languages);
            }
        }
        if (!vocabulary.isEmpty()) {
            params.prompt(Texts.format("transcription.vocabulary", String.join(", ", vocabulary)));
        }
        Transcription t = withRetries(params.build());
        double billed = seconds;
        var u = t.usage();
        if (u.isPresent() && u.get().isDuration()) {
            billed = u.get().asDuration().seconds();
            usage.record(Usage.audio(Usage.Channel.CALL_ANALYTICS, profileId, model, billed, clock.instant()));
        } else if (u.isPresent() && u.get().isTokens()) {
            var tokens = u.get().asTokens();
            usage.record(new Usage(Usage.Channel.CALL_ANALYTICS, profileId, model, tokens.inputTokens(),
                    tokens.outputTokens(), Math.max(0, seconds), clock.instant()));
        } else {
            usage.record(Usage.audio(Usage.Channel.CALL_ANALYTICS, profileId, model, Math.max(0, seconds), clock.instant()));
        }
        return new Result(t.text(), billed);
    }
}
