package kz.clinicai.shared.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A parsed route template of {@link HttpRouter}. */
final class PathTemplate {

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\+?)}");

    /** Literals before parameters before the greedy tail, segment by segment; then longer before shorter. */
    static final Comparator<PathTemplate> MOST_SPECIFIC_FIRST = (a, b) -> {
        for (int i = 0; i < Math.min(a.segments.size(), b.segments.size()); i++) {
            int byKind = Integer.compare(a.segments.get(i).kind.ordinal(), b.segments.get(i).kind.ordinal());
            if (byKind != 0) {
                return byKind;
            }
        }
        return Integer.compare(b.segments.size(), a.segments.size());
    };

    private enum Kind { LITERAL, PARAM, GREEDY }

    private record Segment(Kind kind, String text) {
    }

    private final String source;
    private final List<Segment> segments;

    private PathTemplate(String source, List<Segment> segments) {
        this.source = source;
        this.segments = segments;
    }

    static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("A path template starts with '/': " + template);
        }
        String[] parts = split(template);
        Set<String> names = new HashSet<>();
        Segment[] segments = new Segment[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            var matcher = PARAM.matcher(part);
            if (matcher.matches()) {
                boolean greedy = !matcher.group(2).isEmpty();
                if (greedy && i != parts.length - 1) {
                    throw new IllegalArgumentException("{" + matcher.group(1) + "+} must be the last segment: " + template);
                }
                if (!names.add(matcher.group(1))) {
                    throw new IllegalArgumentException("Parameter " + matcher.group(1) + " repeats in " + template);
                }
                segments[i] = new Segment(greedy ? Kind.GREEDY : Kind.PARAM, matcher.group(1));
            } else if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException("A parameter takes a whole segment: " + template);
            } else {
                segments[i] = new Segment(Kind.LITERAL, part);
            }
        }
        return new PathTemplate(template, List.of(segments));
    }

    /** "/a/b/" → ["a", "b", ""]: the empty last segment keeps a trailing slash significant. */
    static String[] split(String path) {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        return rest.split("/", -1);
    }

    /** The parameters if {@code path} (already {@link #split}) matches, decoded. */
    Optional<Map<String, String>> match(String[] path) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind == Kind.GREEDY) {
                String tail = String.join("/", Arrays.copyOfRange(path, Math.min(i, path.length), path.length));
                if (tail.isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.text, decode(tail));
                return Optional.of(params);
            }
            if (i >= path.length) {
                return Optional.empty();
            }
            switch (segment.kind) {
                case LITERAL -> {
                    if (!segment.text.equals(path[i])) {
                        return Optional.empty();
                    }
                }
                case PARAM -> {
                    if (path[i].isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(segment.text, decode(path[i]));
                }
                default -> throw new AssertionError(segment.kind);
            }
        }
        return path.length == segments.size() ? Optional.of(params) : Optional.empty();
    }

    /** Same segments up to parameter names: two such templates would always match the same paths. */
    boolean sameShape(PathTemplate other) {
        if (segments.size() != other.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment a = segments.get(i);
            Segment b = other.segments.get(i);
            if (a.kind != b.kind || (a.kind == Kind.LITERAL && !a.text.equals(b.text))) {
                return false;
            }
        }
        return true;
    }

    // rawPath keeps percent-escapes; '+' is a literal plus in a path, not a space as in a form.
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed_path", "Path contains an invalid percent-escape");
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
