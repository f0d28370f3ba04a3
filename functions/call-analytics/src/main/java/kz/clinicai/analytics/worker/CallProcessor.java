package kz.clinicai.analytics.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnprocessableEntityException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import kz.clinicai.analytics.calls.CallQueue;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStatus;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.notify.AdminNotifier;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileRepository;
import kz.clinicai.analytics.uis.UisCall;
import kz.clinicai.analytics.uis.UisClient;
import kz.clinicai.analytics.uis.UisException;
import kz.clinicai.analytics.uis.UisLeg;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.secrets.SecretUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through its steps (queued → recording stored → transcribed → analysed), each step's result stored
 * before the next starts, each transition a conditional write: a retry, a duplicate message or a worker killed
 * mid-call resumes at the first unfinished step and never pays twice for a transcription or an analysis.
 */
public final class CallProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CallProcessor.class);
    private static final DateTimeFormatter UIS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A step failed in a way worth retrying (the message goes back to the queue). */
    public static final class RetryableFailure extends RuntimeException {
        RetryableFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param recordingsBaseUrl  where {@code /system/media/talk/{communication_id}/{hash}/} lives
     * @param recordingRetry     delay before looking for a recording that is not there yet
     * @param maxRecordingWaits  looks before the call fails as "recording never appeared"
     * @param maxPartBytes       transcription upload limit per part (25 MB, with margin)
     * @param maxPartSeconds     longest part sent to transcription (~20 min)
     * @param parallelism        transcription requests of one call in flight at once
     */
    public record Settings(URI recordingsBaseUrl, Duration recordingRetry, int maxRecordingWaits, long maxPartBytes,
                           double maxPartSeconds, int parallelism, Path workDir) {
    }

    private final ProfileRepository profiles;
    private final CallStore calls;
    private final CallQueue queue;
    private final RecordingStore files;
    private final CallTranscription transcription;
    private final Analyzer analyzer;
    private final Function<Profile, UisClient> uis;
    private final AdminNotifier notifier;
    private final Settings settings;

    public CallProcessor(ProfileRepository profiles, CallStore calls, CallQueue queue, RecordingStore files,
                         Transcriber transcriber, Analyzer analyzer, Function<Profile, UisClient> uis,
                         AdminNotifier notifier, Settings settings) {
        this.profiles = profiles;
        this.calls = calls;
        this.queue = queue;
        this.files = files;
        this.transcription = new CallTranscription(files, transcriber, settings.maxPartBytes(),
                settings.maxPartSeconds(), settings.parallelism());
        this.analyzer = analyzer;
        this.uis = uis;
        this.notifier = notifier;
        this.settings = settings;
    }

    /**
     * Runs the call's remaining steps.
     *
     * @param lastAttempt the queue will not deliver this message again: a retryable failure becomes final
     * @throws RetryableFailure when the message should be retried
     */
    public CallStatus process(CallQueue.CallJob job, boolean lastAttempt) {
        Optional<CallRecord> found = calls.find(job.profileId(), job.callId());
        if (found.isEmpty()) {
            LOG.warn("Call {} of profile {} is not stored; message dropped", job.callId(), job.profileId());
            return CallStatus.FAILED;
        }
        Optional<Profile> profile = profiles.find(job.profileId());
        if (profile.isEmpty()) {
            return fail(found.get(), "profile", Texts.format("reason.profileDeleted", job.profileId()));
        }
        CallRecord call = found.get();
        String step = call.status().id();
        try {
            for (int guard = 0; guard < 10 && !call.status().terminal(); guard++) {
                step = call.status().id();
                Optional<CallRecord> next = step(profile.get(), call);
                if (next.isEmpty()) {
                    return call.status(); // waiting for the recording: re-queued with a delay
                }
                call = next.get();
            }
            return call.status();
        } catch (Analyzer.InvalidAnswer e) {
            return fail(call, step, e.getMessage());
        } catch (SecretUnavailableException e) {
            return fail(call, step, Texts.format("reason.secretUnavailable", e.getMessage()));
        } catch (UisException e) {
            if (e.needsPerson()) {
                return fail(call, step, "UIS: " + e.mnemonic() + " — " + e.advice());
            }
            return retryOrFail(call, step, "UIS: " + e.getMessage(), e, lastAttempt);
        } catch (BadRequestException | UnprocessableEntityException | NotFoundException | UnauthorizedException
                 | PermissionDeniedException e) {
            return fail(call, step, "OpenAI " + e.statusCode() + ": " + e.getMessage());
        } catch (RateLimitException e) {
            if (String.valueOf(e.getMessage()).contains("insufficient_quota")) {
                return fail(call, step, Texts.get("reason.insufficientQuota"));
            }
            return retryOrFail(call, step, "OpenAI 429: " + e.getMessage(), e, lastAttempt);
        } catch (RuntimeException e) {
            return retryOrFail(call, step, e.getClass().getSimpleName() + ": " + e.getMessage(), e, lastAttempt);
        }
    }

    /** One step from {@code call.status()}; empty when the call waits (re-queued). */
    private Optional<CallRecord> step(Profile profile, CallRecord call) {
        return switch (call.status()) {
            case QUEUED -> record(profile, call);
            case RECORDED -> transcribe(profile, call);
            case TRANSCRIBED -> analyse(profile, call);
            default -> Optional.of(call);
        };
    }

    private Optional<CallRecord> record(Profile profile, CallRecord call) {
        UisCall c = call.call();
        if (c.lost()) {
            return finish(call, CallStatus.MISSED, Texts.get("reason.lost"), Map.of());
        }
        if (c.records().isEmpty()) {
            return finish(call, CallStatus.MISSED, Texts.get("reason.noRecording"), Map.of());
        }
        UisClient client = uis.apply(profile);
        List<String> keys = new ArrayList<>();
        List<CallRecord.SpeakerTrack> tracks = new ArrayList<>();
        Path dir = workDir(call);
        try {
            for (int i = 0; i < c.records().size(); i++) {
                URI url = recordingUrl(settings.recordingsBaseUrl(), "talk", c.communicationId(), c.records().get(i));
                Optional<String> key = store(client, url, dir, "recordings/" + profile.profileId() + "/" + c.id()
                        + "/" + (i + 1));
                if (key.isEmpty()) {
                    return waitForRecording(call);
                }
                keys.add(key.get());
            }
            List<UisLeg> legs = c.speakerLegs();
            LocalDateTime first = legs.stream().map(l -> parse(l.connectTime())).filter(t -> t != null)
                    .min(LocalDateTime::compareTo).orElse(null);
            for (UisLeg leg : first == null ? List.<UisLeg>of() : legs) {
                LocalDateTime connect = parse(leg.connectTime());
                if (connect == null) {
                    continue;
                }
                // A leg's own track; a second file of the same leg has no known place on the time line.
                URI url = recordingUrl(settings.recordingsBaseUrl(), "wav", c.communicationId(), leg.wavRecords().get(0));
                Optional<String> key = store(client, url, dir, "recordings/" + profile.profileId() + "/" + c.id()
                        + "/track-" + leg.id());
                if (key.isEmpty() && call.recordingWaits() + 1 < settings.maxRecordingWaits()) {
                    return waitForRecording(call);
                }
                if (key.isEmpty()) {
                    // The mixed recording is here: a track that never comes costs the labels, not the call.
                    LOG.warn("Call {} of profile {}: a speaker track never appeared; transcribing without speakers",
                            c.id(), profile.profileId());
                    tracks.forEach(t -> keys.remove(t.key()));
                    tracks.clear();
                    break;
                }
                keys.add(key.get());
                tracks.add(new CallRecord.SpeakerTrack(key.get(), leg.operator(),
                        Duration.between(first, connect).toSeconds()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
        return move(call, CallStatus.QUEUED, Map.of("status", CallStatus.RECORDED.name(), "recordingKeys", keys,
                "tracks", tracks));
    }

    /** Downloads one recording through /tmp into S3 at {@code keyBase.<ext>}; empty when UIS has no file yet. */
    private Optional<String> store(UisClient client, URI url, Path dir, String keyBase) throws IOException {
        Optional<UisClient.Download> download = client.download(url);
        if (download.isEmpty()) {
            return Optional.empty();
        }
        String ext = download.get().extension();
        Path file = dir.resolve("download." + ext);
        try (InputStream in = download.get().body()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        String key = keyBase + "." + ext;
        files.putFile(key, file, ext.equals("wav") ? "audio/wav" : "audio/mpeg");
        Files.delete(file);
        return Optional.of(key);
    }

    private static LocalDateTime parse(String uisTime) {
        try {
            return uisTime == null ? null : LocalDateTime.parse(uisTime, UIS_TIME);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code <base>/system/media/<kind>/{communication_id}/{hash}/}: {@code talk} for the mp3 of
     * {@code call_records}, {@code wav} for {@code wav_call_records}; the base may have a path (the sandbox's mount).
     */
    public static URI recordingUrl(URI base, String kind, long communicationId, String hash) {
        return UisClient.recordingUrl(base, kind, communicationId, hash);
    }

    private Optional<CallRecord> waitForRecording(CallRecord call) {
        int waits = call.recordingWaits() + 1;
        if (waits > settings.maxRecordingWaits()) {
            // Failed for good like any other step: the row says why and the admins are told.
            fail(call, CallStatus.QUEUED.id(), Texts.get("reason.recordingNeverAppeared"));
            return Optional.of(reread(call));
        }
        if (!calls.advance(call.profileId(), call.callId(), CallStatus.QUEUED, Map.of("recordingWaits", waits))) {
            return Optional.of(reread(call));
        }
        queue.send(new CallQueue.CallJob(call.profileId(), call.callId()), settings.recordingRetry());
        LOG.info("Recording of call {} not available yet (look {}); retrying in {} s", call.callId(), waits,
                settings.recordingRetry().toSeconds());
        return Optional.empty();
    }

    private Optional<CallRecord> transcribe(Profile profile, CallRecord call) {
        Path dir = workDir(call);
        CallTranscription.Result result;
        try {
            result = transcription.transcribe(profile, call, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
        double seconds = result.seconds();
        String transcript = result.text();
        String key = "transcripts/" + profile.profileId() + "/" + call.callId() + ".txt";
        files.putText(key, transcript);
        if (!CallTranscription.hasSpeech(transcript)) {
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("transcriptKey", key);
            more.put("audioSeconds", seconds);
            return finishFrom(call, CallStatus.RECORDED, CallStatus.NO_SPEECH, Texts.get("reason.noSpeech"), more);
        }
        return move(call, CallStatus.RECORDED, Map.of("status", CallStatus.TRANSCRIBED.name(), "transcriptKey", key,
                "audioSeconds", seconds));
    }

    private Optional<CallRecord> analyse(Profile profile, CallRecord call) {
        CallRecord current = call;
        if (current.analysis() == null) {
            String transcript = files.getText(current.transcriptKey());
            JsonNode answer = analyzer.analyse(profile, transcript);
            // Stored before anything else happens: a retry never asks the model again.
            if (!calls.advance(current.profileId(), current.callId(), CallStatus.TRANSCRIBED,
                    Map.of("analysis", answer.toString()))) {
                return Optional.of(reread(current));
            }
            current = reread(current);
        }
        if (profile.writeBack().on() && !current.writtenBack()) {
            writeBack(profile, current);
            calls.advance(current.profileId(), current.callId(), CallStatus.TRANSCRIBED, Map.of("writtenBack", true));
        }
        return finishFrom(current, CallStatus.TRANSCRIBED, CallStatus.ANALYSED, null, Map.of());
    }

    /** The summary as the call's comment, and a tag per chosen criterion value ("Тон: негативный"). */
    private void writeBack(Profile profile, CallRecord call) {
        UisClient client = uis.apply(profile);
        JsonNode analysis;
        try {
            analysis = Json.mapper().readTree(call.analysis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long communication = call.call().communicationId();
        boolean comment = profile.writeBack().comment() == null || profile.writeBack().comment();
        if (comment && !call.commentWritten()) {
            ObjectNode p = Json.mapper().createObjectNode().put("communication_id", communication)
                    .put("communication_type", "call").put("comment", analysis.path("summary").asText());
            client.call("create.communication_comment", p);
            // Every create.communication_comment adds a comment: a retry of the tags below must not add another.
            calls.advance(call.profileId(), call.callId(), CallStatus.TRANSCRIBED, Map.of("commentWritten", true));
        }
        if (profile.writeBack().tagCriteria().isEmpty()) {
            return;
        }
        Map<String, Long> tags = tags(client);
        for (String key : profile.writeBack().tagCriteria()) {
            JsonNode value = analysis.path("criteria").path(key).path("value");
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            String title = profile.criteria().stream().filter(c -> c.key().equals(key)).findFirst()
                    .map(c -> c.title()).orElse(key);
            String name = title + ": " + (value.isBoolean() ? (value.asBoolean() ? "да" : "нет") : value.asText());
            Long id = tags.get(name);
            if (id == null) {
                try {
                    id = client.call("create.tags", Json.mapper().createObjectNode().put("name", name)).data()
                            .path("id").asLong();
                } catch (UisException e) {
                    if (!e.mnemonic().equals("duplicate_entity")) {
                        throw e;
                    }
                    // Another worker created it a moment ago: its id is in the account's tags now.
                    id = tags(client).get(name);
                    if (id == null) {
                        throw e;
                    }
                }
            }
            try {
                client.call("set.tag_communications", Json.mapper().createObjectNode()
                        .put("communication_id", communication).put("communication_type", "call").put("tag_id", id));
            } catch (UisException e) {
                if (!e.mnemonic().equals("duplicate_entity")) {
                    throw e;
                }
            }
        }
    }

    /** All tags of the account, name → id, page by page (get.tags answers 1 000 by default). */
    private static Map<String, Long> tags(UisClient client) {
        Map<String, Long> tags = new LinkedHashMap<>();
        int limit = 10_000;
        for (int offset = 0; offset <= 100_000; offset += limit) {
            JsonNode page = client.call("get.tags", Json.mapper().createObjectNode().put("limit", limit)
                    .put("offset", offset)).data();
            page.forEach(t -> tags.put(t.path("name").asText(), t.path("id").asLong()));
            if (page.size() < limit) {
                break;
            }
        }
        return tags;
    }

    // ------------------------------------------------------------------ transitions

    private Optional<CallRecord> move(CallRecord call, CallStatus from, Map<String, Object> values) {
        calls.advance(call.profileId(), call.callId(), from, values);
        // Whoever won, the stored state is where to continue from.
        return Optional.of(reread(call));
    }

    private Optional<CallRecord> finish(CallRecord call, CallStatus outcome, String reason, Map<String, Object> more) {
        return finishFrom(call, call.status(), outcome, reason, more);
    }

    private Optional<CallRecord> finishFrom(CallRecord call, CallStatus from, CallStatus outcome, String reason,
                                            Map<String, Object> more) {
        calls.finish(call.profileId(), call.callId(), from, outcome, reason, more);
        return Optional.of(reread(call));
    }

    private CallRecord reread(CallRecord call) {
        return calls.find(call.profileId(), call.callId()).orElseThrow();
    }

    private CallStatus retryOrFail(CallRecord call, String step, String message, RuntimeException cause,
                                   boolean lastAttempt) {
        calls.addError(call.profileId(), call.callId(), step, message);
        if (lastAttempt) {
            return fail(call, step, message);
        }
        LOG.warn("Call {} of profile {}: step {} failed, will retry: {}", call.callId(), call.profileId(), step, message);
        throw new RetryableFailure(message, cause);
    }

    private CallStatus fail(CallRecord call, String step, String message) {
        CallRecord current = calls.find(call.profileId(), call.callId()).orElse(call);
        if (current.status().terminal()) {
            return current.status();
        }
        calls.addError(call.profileId(), call.callId(), step, message);
        calls.finish(call.profileId(), call.callId(), current.status(), CallStatus.FAILED, step + ": " + message, Map.of());
        LOG.error("Call {} of profile {} failed for good at step {}: {}", call.callId(), call.profileId(), step, message);
        notifier.callFailed(call.profileId(), call.callId(), step + ": " + message);
        return CallStatus.FAILED;
    }

    private Path workDir(CallRecord call) {
        try {
            Files.createDirectories(settings.workDir());
            return Files.createTempDirectory(settings.workDir(), "call-" + call.callId() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // /tmp is cleaned with the container anyway.
        }
    }
}
