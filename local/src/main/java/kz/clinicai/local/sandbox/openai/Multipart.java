package kz.clinicai.local.sandbox.openai;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A multipart/form-data body (RFC 7578) as named parts; enough for the uploads openai-java sends. */
final class Multipart {

    record Part(String name, String filename, String contentType, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"?)([^\";]+)\\1");
    private static final Pattern NAME = Pattern.compile("(?i)[; ]name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");

    private final Map<String, Part> parts;

    private Multipart(Map<String, Part> parts) {
        this.parts = parts;
    }

    Optional<Part> part(String name) {
        return Optional.ofNullable(parts.get(name));
    }

    Optional<String> field(String name) {
        return part(name).map(Part::text);
    }

    Map<String, Part> parts() {
        return parts;
    }

    static Multipart parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw OpenAiError.invalid("Expected a multipart/form-data body.", null, "invalid_content_type");
        }
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw OpenAiError.invalid("The multipart body has no boundary.", null, "invalid_multipart");
        }
        byte[] delimiter = ("--" + b.group(2)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw OpenAiError.invalid("The multipart body does not start with its boundary.", null, "invalid_multipart");
        }
        while (true) {
            int after = pos + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                break;
            }
            int headersStart = skipLineBreak(body, after);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(body, delimiter, headersStart);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                throw OpenAiError.invalid("The multipart body is truncated.", null, "invalid_multipart");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = next - 2; // the CRLF before the delimiter belongs to the boundary
            byte[] content = new byte[Math.max(0, contentEnd - contentStart)];
            System.arraycopy(body, contentStart, content, 0, content.length);
            String name = null;
            String filename = null;
            String partType = null;
            for (String line : headers.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    Matcher n = NAME.matcher(line);
                    name = n.find() ? n.group(1) : null;
                    Matcher f = FILENAME.matcher(line);
                    filename = f.find() ? f.group(1) : null;
                } else if (lower.startsWith("content-type:")) {
                    partType = line.substring("content-type:".length()).strip();
                }
            }
            if (name != null) {
                parts.put(name, new Part(name, filename, partType, content));
            }
            pos = next;
        }
        return new Multipart(parts);
    }

    private static int skipLineBreak(byte[] body, int at) {
        if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
            return at + 2;
        }
        return at;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
