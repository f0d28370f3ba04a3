package kz.clinicai.chat.telegram;

import java.util.ArrayList;
import java.util.List;

/** Splits long texts (transcripts) into Telegram messages, on line boundaries where possible. */
public final class MessageSplitter {

    private MessageSplitter() {
    }

    /** Parts of at most {@code max} chars (UTF-16 units, as Telegram counts), never splitting a surrogate pair. */
    public static List<String> split(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            // A line that cannot fit in any part is cut hard.
            while (line.length() > max) {
                flush(parts, current);
                int cut = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
                parts.add(line.substring(0, cut));
                line = line.substring(cut);
            }
            int needed = current.isEmpty() ? line.length() : current.length() + 1 + line.length();
            if (needed > max) {
                flush(parts, current);
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(line);
        }
        flush(parts, current);
        if (parts.isEmpty()) {
            parts.add("");
        }
        return parts;
    }

    private static void flush(List<String> parts, StringBuilder current) {
        if (!current.toString().isBlank()) {
            parts.add(current.toString().strip());
        }
        current.setLength(0);
    }
}
