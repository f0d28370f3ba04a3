package kz.clinicai.local.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * local-stack.properties: local values of template parameters ({@code parameter.NAME}), secrets for
 * {@code {{resolve:secretsmanager:...}}} references ({@code secret.NAME}), and the settings of real services
 * ({@code real.SERVICE.SETTING}). Values may hold {@code ${setting.key}} (a sandbox or real-service setting,
 * e.g. {@code ${openai.baseUrl}}) and {@code ${env:NAME}}.
 */
public final class StackSettings {

    public static final String RESOURCE = "/local-stack.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, String> raw;

    public StackSettings(Map<String, String> raw) {
        this.raw = Map.copyOf(raw);
    }

    public static StackSettings load() {
        try (InputStream in = StackSettings.class.getResourceAsStream(RESOURCE)) {
            Properties props = new Properties();
            if (in != null) {
                props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            Map<String, String> map = new TreeMap<>();
            props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
            return new StackSettings(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The settings a real service gets, with {@code ${env:X}} resolved: key → value. */
    public Map<String, String> realSettings(String service, Map<String, String> env) {
        String prefix = "real." + service + ".";
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                expand(v, Map.of(), env).ifPresent(value -> out.put(k.substring(prefix.length()), value));
            }
        });
        return out;
    }

    /** Parameter name → local value; a value with an unknown setting is left out (the template Default applies). */
    public Map<String, String> parameters(Map<String, String> settings, Map<String, String> env) {
        return section("parameter.", settings, env);
    }

    /** Secret name → secret string. */
    public Map<String, String> secrets(Map<String, String> settings, Map<String, String> env) {
        return section("secret.", settings, env);
    }

    private Map<String, String> section(String prefix, Map<String, String> settings, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                expand(v, settings, env).ifPresent(value -> out.put(k.substring(prefix.length()), value));
            }
        });
        return out;
    }

    /** The raw (unexpanded) values of the keys that start with {@code prefix}, prefix removed. */
    public Map<String, String> raw(String prefix) {
        Map<String, String> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** {@code value} with its placeholders filled in; empty when one names a setting nobody provides. */
    public static Optional<String> resolve(String value, Map<String, String> settings, Map<String, String> env) {
        return expand(value, settings, env);
    }

    /** Empty when a placeholder names a setting that no running service provides. */
    static Optional<String> expand(String value, Map<String, String> settings, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String replacement = key.startsWith("env:") ? env.get(key.substring(4)) : settings.get(key);
            if (replacement == null) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }
}
