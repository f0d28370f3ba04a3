package kz.clinicai.local.setup;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import kz.clinicai.local.settings.StackSettings;
import kz.clinicai.shared.config.Env;

/**
 * One-off commands the stack runs once it serves, before READY: what an operator would run by hand after a
 * deploy (e.g. registering a bot webhook), pointed at the local stack. Declared in local-stack.properties:
 * <pre>
 * setup.NAME.main=fully.qualified.MainClass        its public static main(String[]) runs in this JVM
 * setup.NAME.args=ARG ARG ...                      space-separated, placeholders allowed
 * setup.NAME.env.VARIABLE=VALUE                    what the command reads through kz.clinicai.shared.config.Env
 * setup.NAME.simulated=SERVICE                     run only while SERVICE is simulated (never against a real one)
 * page.TITLE=URL                                   a page to print at startup, e.g. a demo page
 * </pre>
 * Values take {@code ${setting}} placeholders like the rest of the file, plus {@code ${local.apiUrl}}. A step whose
 * placeholders nobody provides is skipped; a failing step is reported and the stack still starts.
 */
public final class SetupSteps {

    /** The API emulator's URL, as a setting for setup steps and pages. */
    public static final String API_URL = "local.apiUrl";

    record Step(String name, String mainClass, List<String> args, Map<String, String> env) {
    }

    private final StackSettings settings;

    public SetupSteps(StackSettings settings) {
        this.settings = settings;
    }

    List<Step> steps(Map<String, String> values, Map<String, String> env, Set<String> simulated) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        settings.raw("setup.").forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot > 0) {
                byName.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
            }
        });
        List<Step> out = new ArrayList<>();
        byName.forEach((name, keys) -> {
            String service = keys.get("simulated");
            if (service != null && !simulated.contains(service.strip())) {
                return;
            }
            Optional<String> main = Optional.ofNullable(keys.get("main")).flatMap(v -> StackSettings.expand(v, values, env));
            Optional<String> args = StackSettings.expand(keys.getOrDefault("args", ""), values, env);
            Map<String, String> stepEnv = new LinkedHashMap<>();
            boolean complete = main.isPresent() && args.isPresent();
            for (var e : keys.entrySet()) {
                if (e.getKey().startsWith("env.")) {
                    Optional<String> v = StackSettings.expand(e.getValue(), values, env);
                    complete &= v.isPresent();
                    v.ifPresent(value -> stepEnv.put(e.getKey().substring(4), value));
                }
            }
            if (complete) {
                List<String> argv = Arrays.stream(args.get().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
                out.add(new Step(name, main.get().strip(), argv, Map.copyOf(stepEnv)));
            }
        });
        return out;
    }

    /** Runs every applicable step in name order; prints one line per step. */
    public void run(Map<String, String> values, Map<String, String> env, Set<String> simulated, PrintStream out) {
        List<Step> steps = steps(values, env, simulated);
        for (Step step : steps) {
            try {
                invoke(step);
                out.println("Setup     " + step.name() + ": " + step.mainClass() + " " + String.join(" ", step.args()));
            } catch (Exception e) {
                Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
                out.println("Setup     " + step.name() + " FAILED: " + cause);
            }
        }
    }

    /** Title → URL of the {@code page.*} lines whose placeholders resolve. */
    public Map<String, String> pages(Map<String, String> values, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.raw("page.").forEach((title, url) -> StackSettings.expand(url, values, env)
                .ifPresent(u -> out.put(title, u)));
        return out;
    }

    private static void invoke(Step step) throws Exception {
        Class<?> type = Class.forName(step.mainClass(), true, Thread.currentThread().getContextClassLoader());
        Method main = type.getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException(step.mainClass() + ".main is not static");
        }
        Exception[] failure = new Exception[1];
        Env.scoped(step.env(), () -> {
            try {
                main.invoke(null, (Object) step.args().toArray(String[]::new));
            } catch (IllegalAccessException | InvocationTargetException e) {
                failure[0] = e;
            }
            return null;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
