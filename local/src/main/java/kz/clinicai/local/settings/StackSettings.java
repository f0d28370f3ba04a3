package kz.clinicai.local.settings;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * e.g. {@code ${openai.baseUrl}}), {@code ${file:setting.key}} (the content of the file that setting names,
 * JSON-escaped so it can sit inside a JSON string: PEM files in a secret) and {@code ${env:NAME}}. Seed files of
 * the local tables ({@link kz.clinicai.local.aws.TableSeeder}) use the same placeholders.
 */
public final class StackSettings {

    public static final String RESOURCE = "/local-stack.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, String> raw;

    public StackSettings(Map<String, String> raw) {
        this.raw = Map.copyOf(raw);
    }

    /** These settings with template parameters overridden ({@code parameter.<Name>}), as a bench's options ask. */
    public StackSettings withParameters(Map<String, String> parameters) {
        Map<String, String> out = new LinkedHashMap<>(raw);
        parameters.forEach((k, v) -> out.put("parameter." + k, v));
        return new StackSettings(out);
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

    /** Empty when a placeholder names a setting that no running service provides (or a file that is missing). */
    public static Optional<String> expand(String value, Map<String, String> settings, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String replacement = key.startsWith("env:") ? env.get(key.substring(4))
                    : key.startsWith("file:") ? fileContent(settings.get(key.substring(5))).orElse(null)
                    : settings.get(key);
            if (replacement == null) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    /** A copy whose entries replace or add to these (a test stack's parameter values, say). */
    public StackSettings with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(raw);
        merged.putAll(overrides);
        return new StackSettings(merged);
    }

    private static Optional<String> fileContent(String path) {
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            return Optional.empty();
        }
        try {
            return Optional.of(jsonEscape(Files.readString(Path.of(path), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The inside of a JSON string literal (RFC 8259 §7), without the quotes. */
    static String jsonEscape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
