package kz.clinicai.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsics in template values against a {@link World}: what {@code !Ref} and
 * {@code !GetAtt} mean is up to the caller (the local stack gives local names and URLs).
 */
public final class Intrinsics {

    /** What a reference means where the template is being run. */
    public interface World {
        /** {@code !Ref name}: a resource's primary id, a parameter's value, or a pseudo parameter (AWS::Region). */
        String ref(String name);

        /** {@code !GetAtt resource.attribute}. */
        String getAtt(String logicalId, String attribute);
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final SamTemplate template;
    private final World world;

    public Intrinsics(SamTemplate template, World world) {
        this.template = template;
        this.world = world;
    }

    /** The value as a string; lists (from Split, GetAZs) are joined with commas. */
    public String string(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return resolved == null ? null : String.valueOf(resolved);
    }

    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> e = map.entrySet().iterator().next();
            String key = String.valueOf(e.getKey());
            Object arg = e.getValue();
            switch (key) {
                case "Ref":
                    return world.ref(String.valueOf(arg));
                case "Fn::GetAtt": {
                    List<Object> parts = Maps.list(arg);
                    return world.getAtt(String.valueOf(resolve(parts.get(0))), String.valueOf(resolve(parts.get(1))));
                }
                case "Fn::Sub":
                    return sub(arg);
                case "Fn::Join": {
                    List<Object> parts = Maps.list(arg);
                    List<String> items = new ArrayList<>();
                    for (Object item : Maps.list(resolve(parts.get(1)))) {
                        items.add(string(item));
                    }
                    return String.join(String.valueOf(parts.get(0)), items);
                }
                case "Fn::Split": {
                    List<Object> parts = Maps.list(arg);
                    return List.of(string(parts.get(1)).split(Pattern.quote(String.valueOf(parts.get(0))), -1));
                }
                case "Fn::Select": {
                    List<Object> parts = Maps.list(arg);
                    List<Object> items = Maps.list(resolve(parts.get(1)));
                    return resolve(items.get(Maps.integer(resolve(parts.get(0)), 0)));
                }
                case "Fn::If": {
                    List<Object> parts = Maps.list(arg);
                    return resolve(condition(String.valueOf(parts.get(0))) ? parts.get(1) : parts.get(2));
                }
                case "Fn::Base64":
                    return java.util.Base64.getEncoder().encodeToString(string(arg).getBytes());
                default:
                    break;
            }
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(resolve(item));
            }
            return out;
        }
        return value;
    }

    /** Evaluates a named entry of the template's Conditions. */
    public boolean condition(String name) {
        Object body = template.conditions().get(name);
        if (body == null) {
            throw new TemplateException("Condition " + name + " is not declared");
        }
        return test(body);
    }

    private boolean test(Object body) {
        Map<String, Object> map = Maps.map(body);
        Map.Entry<String, Object> e = map.entrySet().iterator().next();
        List<Object> args = Maps.list(e.getValue());
        return switch (e.getKey()) {
            case "Fn::Equals" -> String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
            case "Fn::Not" -> !test(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::test);
            case "Fn::Or" -> args.stream().anyMatch(this::test);
            case "Condition" -> condition(String.valueOf(e.getValue()));
            default -> throw new TemplateException("Unsupported condition function " + e.getKey());
        };
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables;
        if (arg instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            variables = list.size() > 1 ? Maps.map(list.get(1)) : Map.of();
        } else {
            text = String.valueOf(arg);
            variables = Map.of();
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + m.group(2) + "}";
            } else {
                String name = m.group(2).trim();
                if (variables.containsKey(name)) {
                    replacement = string(variables.get(name));
                } else if (name.contains(".") && !name.startsWith("AWS::")) {
                    int dot = name.indexOf('.');
                    replacement = world.getAtt(name.substring(0, dot), name.substring(dot + 1));
                } else {
                    replacement = world.ref(name);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A pseudo parameter ({@code AWS::Region}, {@code AWS::StackName}...) of a stack with this region, account and
     * name; {@code AWS::NoValue} is the empty string. Empty for any other name.
     */
    public static java.util.Optional<String> pseudoParameter(String name, String region, String account,
                                                             String stackName) {
        return java.util.Optional.ofNullable(switch (name) {
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> account;
            case "AWS::StackName" -> stackName;
            case "AWS::StackId" -> "arn:aws:cloudformation:" + region + ":" + account + ":stack/" + stackName + "/local";
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::NoValue" -> "";
            default -> null;
        });
    }

    /** Every logical id or parameter a value refers to (Ref, GetAtt, ${X} and ${X.Attr} in Sub). */
    public static List<String> references(Object value) {
        List<String> out = new ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, List<String> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("Ref")) {
                    out.add(String.valueOf(e.getValue()));
                } else if (key.equals("Fn::GetAtt")) {
                    out.add(String.valueOf(Maps.list(e.getValue()).get(0)));
                } else if (key.equals("Fn::Sub")) {
                    Object arg = e.getValue();
                    String text = String.valueOf(arg instanceof List<?> l ? l.get(0) : arg);
                    Map<String, Object> vars = arg instanceof List<?> l && l.size() > 1 ? Maps.map(l.get(1)) : Map.of();
                    Matcher m = SUB_VARIABLE.matcher(text);
                    while (m.find()) {
                        String name = m.group(2).trim();
                        if (m.group(1).isEmpty() && !vars.containsKey(name)) {
                            out.add(name.contains(".") && !name.startsWith("AWS::")
                                    ? name.substring(0, name.indexOf('.')) : name);
                        }
                    }
                    vars.values().forEach(v -> collect(v, out));
                } else {
                    collect(e.getValue(), out);
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, out));
        }
    }
}
