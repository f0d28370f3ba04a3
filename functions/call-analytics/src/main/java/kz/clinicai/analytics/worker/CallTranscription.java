package kz.clinicai.analytics.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.profile.Profile;

/**
 * The transcript of one call, from what its recording step stored.
 * <ul>
 * <li><b>Speakers' own tracks</b> (a leg's WAV from {@code get.call_legs_report}): voice activity on each track gives
 * the turns of the conversation ({@link SpeakerTurns}); each turn is cut from its party's track and transcribed on
 * its own, and the transcript reads "Оператор: …" / "Клиент: …" in time order. Costs one request per turn, billed
 * for speech only (the silence of each track is never sent).</li>
 * <li><b>Mixed recordings only</b> (no tracks, or a track this code cannot read): each recording is transcribed in
 * parts ({@link AudioSplitter}), without speaker labels — the text alone does not say who spoke.</li>
 * </ul>
 * Every piece's text is stored before the next step, so a retry after a timeout or a crash pays only for the pieces
 * not yet done. Pieces go to the API {@code parallelism} at a time (the worker's concurrency multiplies it: keep
 * the product inside the OpenAI rate limit).
 */
final class CallTranscription {

    static final String OPERATOR = "Оператор";
    static final String CLIENT = "Клиент";

    private static final Pattern LABEL = Pattern.compile("(?m)^(" + OPERATOR + "|" + CLIENT + "): ");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}{2,}");

    /** False for silence: nothing, or only labels, punctuation and bracketed noise markers ("[музыка]"). */
    static boolean hasSpeech(String transcript) {
        return LETTERS.matcher(LABEL.matcher(transcript).replaceAll("").replaceAll("\\[[^]]*]", "")).find();
    }

    /** The transcript and the audio seconds sent to the API. */
    record Result(String text, double seconds) {
    }

    private final RecordingStore files;
    private final Transcriber transcriber;
    private final long maxPartBytes;
    private final double maxPartSeconds;
    private final int parallelism;

    CallTranscription(RecordingStore files, Transcriber transcriber, long maxPartBytes, double maxPartSeconds,
                      int parallelism) {
        this.files = files;
        this.transcriber = transcriber;
        this.maxPartBytes = maxPartBytes;
        this.maxPartSeconds = maxPartSeconds;
        this.parallelism = Math.max(1, parallelism);
    }

    Result transcribe(Profile profile, CallRecord call, Path dir) throws IOException {
        String pieces = "transcripts/" + profile.profileId() + "/" + call.callId() + "/";
        Set<String> done = files.keys(pieces);
        if (!call.tracks().isEmpty()) {
            Optional<Result> labelled = bySpeaker(profile, call, dir, pieces, done);
            if (labelled.isPresent()) {
                return labelled.get();
            }
        }
        return mixed(profile, call, dir, pieces, done);
    }

    private Optional<Result> bySpeaker(Profile profile, CallRecord call, Path dir, String pieces, Set<String> done)
            throws IOException {
        List<WavTrack> wavs = new ArrayList<>();
        List<SpeakerTurns.Track> levels = new ArrayList<>();
        long bytesPerSecond = 0;
        for (int i = 0; i < call.tracks().size(); i++) {
            CallRecord.SpeakerTrack t = call.tracks().get(i);
            Path file = files.getFile(t.key(), dir.resolve("track" + (i + 1) + ".wav"));
            Optional<WavTrack> wav = WavTrack.open(file);
            if (wav.isEmpty()) {
                return Optional.empty(); // not a WAV this code reads: the mixed recording still has the words
            }
            wavs.add(wav.get());
            bytesPerSecond = Math.max(bytesPerSecond, wav.get().bytesPerSecond());
            levels.add(new SpeakerTurns.Track(t.operator(), t.offsetSeconds(),
                    wav.get().frameLevels(SpeakerTurns.FRAME_SECONDS)));
        }
        double longest = Math.min(maxPartSeconds, (maxPartBytes - 1024) / (double) Math.max(1, bytesPerSecond));
        List<SpeakerTurns.Turn> turns = SpeakerTurns.of(levels, longest);
        List<Callable<String>> jobs = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            SpeakerTurns.Turn turn = turns.get(i);
            String key = pieces + String.format(Locale.ROOT, "turn-%04d-%s-%d.txt", i, turn.operator() ? "o" : "c",
                    Math.round(turn.globalStart() * 1000));
            WavTrack track = wavs.get(turn.track());
            Path cut = dir.resolve("turn" + i + ".wav");
            jobs.add(() -> piece(key, done, () -> {
                track.cut(turn.start(), turn.end(), cut);
                try {
                    return transcriber.transcribe(profile.profileId(), cut, turn.seconds(),
                            profile.transcription().languages(), profile.transcription().vocabulary()).text();
                } finally {
                    Files.deleteIfExists(cut);
                }
            }));
        }
        List<String> texts = runAll(jobs);
        StringBuilder out = new StringBuilder();
        int lastTrack = -1;
        double seconds = 0;
        for (int i = 0; i < turns.size(); i++) {
            SpeakerTurns.Turn turn = turns.get(i);
            seconds += turn.seconds();
            String text = texts.get(i).strip();
            if (text.isEmpty()) {
                continue; // a cough, a line click: nothing was said
            }
            if (turn.track() == lastTrack) {
                out.append(' ').append(text); // the other party's turn between them said nothing
            } else {
                // A transfer's second operator is another track: a line of their own, though labelled alike.
                out.append(out.isEmpty() ? "" : "\n").append(turn.operator() ? OPERATOR : CLIENT).append(": ")
                        .append(text);
                lastTrack = turn.track();
            }
        }
        return Optional.of(new Result(out.toString(), seconds));
    }

    private Result mixed(Profile profile, CallRecord call, Path dir, String pieces, Set<String> done)
            throws IOException {
        Set<String> trackKeys = new HashSet<>(call.tracks().stream().map(CallRecord.SpeakerTrack::key).toList());
        List<String> keys = call.recordingKeys().stream().filter(k -> !trackKeys.contains(k)).toList();
        AudioSplitter splitter = new AudioSplitter(maxPartBytes, maxPartSeconds);
        StringBuilder text = new StringBuilder();
        double seconds = 0;
        for (int r = 0; r < keys.size(); r++) {
            String key = keys.get(r);
            String ext = key.substring(key.lastIndexOf('.') + 1);
            Path file = files.getFile(key, dir.resolve("record" + (r + 1) + "." + ext));
            List<AudioSplitter.Part> parts = splitter.split(file, ext);
            List<Callable<String>> jobs = new ArrayList<>();
            for (int p = 0; p < parts.size(); p++) {
                AudioSplitter.Part part = parts.get(p);
                String pieceKey = pieces + String.format(Locale.ROOT, "record-%02d-part-%03d.txt", r + 1, p + 1);
                jobs.add(() -> piece(pieceKey, done, () -> transcriber.transcribe(profile.profileId(), part.file(),
                        part.seconds(), profile.transcription().languages(), profile.transcription().vocabulary())
                        .text()));
                seconds += Math.max(0, part.seconds());
            }
            // A cut between frames may fall inside a sentence: parts of one recording join with a space.
            String recording = String.join(" ", runAll(jobs).stream().map(String::strip).filter(t -> !t.isEmpty())
                    .toList());
            if (keys.size() > 1) {
                text.append(text.isEmpty() ? "" : "\n").append("[Запись ").append(r + 1).append("]");
            }
            if (!recording.isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n").append(recording);
            }
        }
        return new Result(text.toString().strip(), seconds);
    }

    private interface Work {
        String run() throws IOException;
    }

    /** The stored text of a piece, or its transcription, stored before it is used. */
    private String piece(String key, Set<String> done, Work work) throws IOException {
        if (done.contains(key)) {
            return files.getText(key);
        }
        String text = work.run();
        files.putText(key, text);
        return text;
    }

    /** Runs the jobs {@link #parallelism} at a time; results in job order; the first failure is rethrown. */
    private List<String> runAll(List<Callable<String>> jobs) throws IOException {
        if (jobs.size() <= 1 || parallelism == 1) {
            List<String> out = new ArrayList<>();
            for (Callable<String> job : jobs) {
                out.add(call(job));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, jobs.size()));
        try {
            List<Future<String>> futures = new ArrayList<>();
            jobs.forEach(j -> futures.add(pool.submit(j)));
            List<String> out = new ArrayList<>();
            for (Future<String> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    futures.forEach(other -> other.cancel(true));
                    throw rethrow(e.getCause());
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("transcription interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String call(Callable<String> job) throws IOException {
        try {
            return job.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(cause);
    }
}
