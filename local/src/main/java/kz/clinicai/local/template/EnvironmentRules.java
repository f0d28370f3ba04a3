package kz.clinicai.local.template;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kz.clinicai.shared.config.Env;

/**
 * Environment variables declared exactly where they are read: the handler's public no-arg constructor (the
 * composition root) runs with the template's environment, must not fail, and reads every declared variable and no
 * undeclared one.
 */
final class EnvironmentRules {

    /** Read by the Lambda runtime or Powertools themselves, never through our Env. */
    private static final List<String> EXEMPT_PREFIXES = List.of("POWERTOOLS_", "AWS_", "JAVA_TOOL_OPTIONS");

    private final ContractRun run;
    private final SamTemplate template;
    private final ClassLoader loader;
    private final Intrinsics intrinsics;

    EnvironmentRules(ContractRun run) {
        this.run = run;
        this.template = run.template;
        this.loader = run.loader;
        this.intrinsics = run.intrinsics;
    }

    private void fail(String resource, String message) {
        run.fail(resource, message);
    }

    /**
     * Constructs the handler with the template's environment (intrinsics resolved to placeholders, URLs to a dead
     * end) and compares the variables it read with those declared: both ways.
     */
    void check(FunctionDef f, Class<?> handler) {
        String id = f.logicalId();
        if (handler.isInterface() || Modifier.isAbstract(handler.getModifiers())) {
            fail(id, "Handler class " + handler.getName() + " is abstract; the runtime cannot instantiate it");
            return;
        }
        Constructor<?> constructor;
        try {
            constructor = handler.getConstructor();
        } catch (NoSuchMethodException e) {
            fail(id, "Handler class " + handler.getName() + " has no public no-arg constructor, which the Lambda "
                    + "runtime calls (it is the composition root)");
            return;
        }
        Map<String, String> values = new LinkedHashMap<>(platformValues(f));
        f.environment().forEach((name, raw) -> {
            try {
                values.put(name, placeholder(intrinsics.string(raw)));
            } catch (RuntimeException e) {
                fail(id, "environment variable " + name + " cannot be resolved: " + e.getMessage());
                values.put(name, "placeholder");
            }
        });
        Set<String> read;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            read = Env.scoped(values, () -> instantiate(constructor)).namesRead();
        } catch (InitFailure e) {
            Throwable cause = e.getCause();
            fail(id, "constructing " + handler.getName() + " with the template's environment failed: "
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return;
        } finally {
            thread.setContextClassLoader(previous);
        }
        Set<String> declared = f.environment().keySet();
        Set<String> global = Maps.map(Maps.map(Maps.map(Maps.map(template.raw().get("Globals")).get("Function"))
                .get("Environment")).get("Variables")).keySet();
        for (String name : new TreeSet<>(read)) {
            if (!declared.contains(name) && !Env.PLATFORM_PROVIDED.contains(name)) {
                fail(id, "reads " + name + " but the template does not declare it (Environment.Variables)");
            }
        }
        for (String name : declared) {
            if (!read.contains(name) && EXEMPT_PREFIXES.stream().noneMatch(name::startsWith)) {
                fail(id, "declares " + name + (global.contains(name) ? " (in Globals)" : "")
                        + " but no code reads it");
            }
        }
    }

    private static Object instantiate(Constructor<?> constructor) {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new InitFailure(e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw new InitFailure(e.getCause() != null ? e.getCause() : e);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new InitFailure(e);
        }
    }

    private static final class InitFailure extends RuntimeException {
        InitFailure(Throwable cause) {
            super(cause);
        }
    }

    private static Map<String, String> platformValues(FunctionDef f) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : Env.PLATFORM_PROVIDED) {
            values.put(name, name.startsWith("AWS_ENDPOINT_URL") ? ContractRun.DEAD_END : "placeholder");
        }
        values.put("AWS_REGION", ContractRun.REGION);
        values.put("AWS_DEFAULT_REGION", ContractRun.REGION);
        values.put("AWS_LAMBDA_FUNCTION_NAME", f.logicalId());
        values.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(f.memoryMb()));
        values.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        values.put("AWS_ACCESS_KEY_ID", "AKIDCONTRACTTEST");
        values.put("AWS_SECRET_ACCESS_KEY", "contract-test-secret");
        values.put("AWS_SESSION_TOKEN", "contract-test-session");
        return values;
    }

    /** Keeps a value's shape but points any URL at a dead end, so an eager client cannot reach the internet. */
    private static String placeholder(String value) {
        if (value == null) {
            return "";
        }
        if (value.startsWith("http://") || value.startsWith("https://")) {
            try {
                URI uri = URI.create(value);
                return ContractRun.DEAD_END + (uri.getRawPath() == null ? "" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            } catch (IllegalArgumentException e) {
                return ContractRun.DEAD_END + "/";
            }
        }
        return value;
    }
}
