package kz.clinicai.analytics.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The calls' files: recordings ({@code recordings/<profile>/<call>/<n>.<ext>}, the speakers' tracks
 * {@code …/track-<leg>.wav}), transcripts ({@code transcripts/<profile>/<call>.txt}) and the text of each transcribed
 * piece ({@code transcripts/<profile>/<call>/…}, so a retry never pays for it again). {@code RecordingStoreContract}
 * (local module) holds {@link S3RecordingStore} and the in-memory fake to the same behaviour.
 */
public interface RecordingStore {

    /** Stores the file's bytes under {@code key} (replacing what was there). */
    void putFile(String key, Path file, String contentType);

    /** Stores {@code text} as UTF-8 under {@code key} (replacing what was there). */
    void putText(String key, String text);

    /** Copies the object's bytes to {@code target} (replacing it) and returns it. */
    Path getFile(String key, Path target) throws IOException;

    /** The object's text (UTF-8). */
    String getText(String key);

    /** Every key that starts with {@code prefix}, however many. */
    Set<String> keys(String prefix);
}
