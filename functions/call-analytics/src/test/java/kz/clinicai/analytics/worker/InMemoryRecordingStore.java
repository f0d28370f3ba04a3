package kz.clinicai.analytics.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@link RecordingStore} over a map, for unit tests. {@code RecordingStoreContract} (local module) runs it and
 * {@link S3RecordingStore} against the local stack's S3 under the same tests.
 */
public final class InMemoryRecordingStore implements RecordingStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void putFile(String key, Path file, String contentType) {
        try {
            objects.put(key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void putText(String key, String text) {
        objects.put(key, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Path getFile(String key, Path target) throws IOException {
        Files.write(target, bytes(key));
        return target;
    }

    @Override
    public String getText(String key) {
        return new String(bytes(key), StandardCharsets.UTF_8);
    }

    @Override
    public Set<String> keys(String prefix) {
        Set<String> out = new TreeSet<>();
        objects.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(out::add);
        return out;
    }

    /** Forgets an object (a test's way to say "the worker died before storing it"). */
    public void remove(String key) {
        objects.remove(key);
    }

    /** A missing object is unchecked, as S3's NoSuchKeyException is: no caller mistakes it for an I/O hiccup. */
    private byte[] bytes(String key) {
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            throw new IllegalStateException("no object " + key);
        }
        return bytes;
    }
}
