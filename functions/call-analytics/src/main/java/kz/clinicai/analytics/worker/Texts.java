package kz.clinicai.analytics.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The worker's wording, kept as resources beside its classes (texts.properties, analysis-instructions.txt): prompts
 * and row reasons are edited as text, not code. Read once per cold start; a missing key fails at once.
 */
final class Texts {

    private static final Properties TEXTS = properties("texts.properties");

    private Texts() {
    }

    static String get(String key) {
        String value = TEXTS.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("texts.properties has no " + key);
        }
        return value;
    }

    static String format(String key, Object... args) {
        return String.format(Locale.ROOT, get(key), args);
    }

    /** A whole resource of this package as UTF-8 text. */
    static String resource(String name) {
        try (InputStream in = Texts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the function's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(String name) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(resource(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
