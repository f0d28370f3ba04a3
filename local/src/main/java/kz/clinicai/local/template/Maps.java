package kz.clinicai.local.template;

import java.util.List;
import java.util.Map;

/** Casts for the untyped tree YAML gives; a missing node reads as empty. */
final class Maps {

    private Maps() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (node == null) {
            return Map.of();
        }
        if (node instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new TemplateException("Expected a mapping, found: " + node);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List<?> l) {
            return (List<Object>) l;
        }
        return List.of(node);
    }

    static String string(Object node) {
        return node == null ? null : String.valueOf(node);
    }

    static int integer(Object node, int defaultValue) {
        if (node == null) {
            return defaultValue;
        }
        if (node instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(node).trim());
        } catch (NumberFormatException e) {
            throw new TemplateException("Expected a number, found: " + node);
        }
    }

    static boolean bool(Object node, boolean defaultValue) {
        if (node == null) {
            return defaultValue;
        }
        if (node instanceof Boolean b) {
            return b;
        }
        return Boolean.parseBoolean(String.valueOf(node).trim());
    }

    /** The logical id that {@code !Ref X} or {@code !GetAtt X.Arn} points at, if the node is one of those. */
    static String referencedId(Object node) {
        if (node instanceof Map<?, ?> m && m.size() == 1) {
            Object ref = m.get("Ref");
            if (ref instanceof String s) {
                return s;
            }
            Object getAtt = m.get("Fn::GetAtt");
            if (getAtt instanceof List<?> parts && !parts.isEmpty()) {
                return String.valueOf(parts.get(0));
            }
        }
        return null;
    }
}
