package kz.clinicai.chat.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The fixed phrases visitors read (hand-off notices, the model's fallback), from the resource
 * {@value #RESOURCE} (UTF-8), read once: wording is content, changed without touching code. A missing phrase fails
 * the function's init, never a visitor's request.
 */
public final class ChatTexts {

    static final String RESOURCE = "/chat/texts.properties";
    private static final Properties TEXTS = load();

    private ChatTexts() {
    }

    public static String get(String key) {
        String text = TEXTS.getProperty(key);
        if (text == null || text.isBlank()) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return text;
    }

    private static Properties load() {
        try (InputStream in = ChatTexts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
