package kz.clinicai.voicebot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The instructions shipped with the code, used when the clinic names no assistant configuration. */
final class DefaultInstructions {
    private static final String RESOURCE = "/kz/clinicai/voicebot/default-instructions.ru.md";

    private DefaultInstructions() {
    }

    static String load() {
        try (InputStream in = DefaultInstructions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
