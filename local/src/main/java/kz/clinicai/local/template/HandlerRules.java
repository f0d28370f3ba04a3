package kz.clinicai.local.template;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import kz.clinicai.local.template.TemplateContract.Trigger;

/**
 * Functions and their handlers: one event kind per function (HttpApi/FunctionUrl, SQS, Schedule) in payload format
 * 2.0, a CodeUri that is the module's own zip, a handler class that exists in that module, loads, and takes the event
 * its triggers send (SQS with ReportBatchItemFailures must return SQSBatchResponse).
 */
final class HandlerRules {

    private final ContractRun run;
    private final SamTemplate template;
    private final ClassLoader loader;
    private final Map<String, Trigger> triggers;

    HandlerRules(ContractRun run) {
        this.run = run;
        this.template = run.template;
        this.loader = run.loader;
        this.triggers = run.triggers;
    }

    private void fail(String resource, String message) {
        run.fail(resource, message);
    }

    /** @return the handler class when it is one (only then is it worth constructing: the environment rules) */
    Optional<Class<?>> check(FunctionDef f) {
        trigger(f).ifPresent(t -> triggers.put(f.logicalId(), t));
        Class<?> handler = handlerClass(f);
        if (handler == null) {
            return Optional.empty();
        }
        return checkSignature(f, handler) ? Optional.of(handler) : Optional.empty();
    }

    private Optional<Trigger> trigger(FunctionDef f) {
        Set<Trigger> kinds = EnumSet.noneOf(Trigger.class);
        for (EventSource event : f.events()) {
            switch (event) {
                case EventSource.HttpApiRoute route -> {
                    if (!"2.0".equals(route.payloadFormatVersion())) {
                        fail(f.logicalId(), "HttpApi event " + route.name() + " uses payload format "
                                + route.payloadFormatVersion() + "; handlers here take format 2.0 events");
                    }
                    kinds.add(Trigger.HTTP);
                }
                case EventSource.SqsSource sqs -> kinds.add(Trigger.SQS);
                case EventSource.ScheduleSource schedule -> kinds.add(Trigger.SCHEDULE);
                case EventSource.Other other -> fail(f.logicalId(), "event " + other.name() + " has type "
                        + other.type() + ", which this platform does not run (HttpApi, SQS, Schedule, ScheduleV2)");
            }
        }
        if (f.functionUrlAuthType().isPresent()) {
            kinds.add(Trigger.HTTP);
        }
        if (kinds.size() > 1) {
            fail(f.logicalId(), "has events of incompatible kinds ("
                    + kinds.stream().map(k -> k.label).collect(Collectors.joining(", "))
                    + "); one handler takes one event type, so split it into one function per kind");
            return Optional.empty();
        }
        return kinds.stream().findFirst();
    }

    private Class<?> handlerClass(FunctionDef f) {
        String className = f.handlerClass();
        if (className == null || className.isBlank()) {
            fail(f.logicalId(), "has no Handler");
            return null;
        }
        Optional<Path> module = f.moduleDir();
        if (module.isEmpty()) {
            fail(f.logicalId(), "CodeUri " + f.codeUri() + " is not <module>/target/function.zip");
        } else {
            String topLevel = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
            Path relative = module.get().resolve("src/main/java").resolve(topLevel.replace('.', '/') + ".java");
            if (!Files.isRegularFile(template.projectDir().resolve(relative).normalize())) {
                fail(f.logicalId(), "Handler class " + className + " is not in module " + module.get()
                        + " (no " + relative + ")");
            }
        }
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            fail(f.logicalId(), "Handler class " + className + " does not load from the classpath: " + e);
            return null;
        }
    }

    /** @return whether the class is a handler at all (only then is it worth constructing) */
    private boolean checkSignature(FunctionDef f, Class<?> handler) {
        String id = f.logicalId();
        String name = handler.getName();
        boolean request = RequestHandler.class.isAssignableFrom(handler);
        boolean stream = RequestStreamHandler.class.isAssignableFrom(handler);
        if (!request && !stream) {
            fail(id, "Handler class " + name + " implements neither RequestHandler nor RequestStreamHandler");
            return false;
        }
        String handlerString = f.handler();
        if (handlerString.contains("::") && !handlerString.endsWith("::handleRequest")) {
            fail(id, "Handler " + handlerString + " names a method other than handleRequest");
        }
        Trigger trigger = triggers.get(id);
        if (trigger == null) {
            return true;
        }
        Type[] args = request ? typeArguments(handler, RequestHandler.class) : null;
        Class<?> input = args == null ? null : rawClass(args[0]);
        Class<?> output = args == null ? null : rawClass(args[1]);
        String actual = !request ? "a RequestStreamHandler"
                : args == null ? "a raw RequestHandler"
                : "RequestHandler<" + Arrays.stream(args).map(Type::getTypeName).collect(Collectors.joining(", "))
                        + ">";
        switch (trigger) {
            case HTTP -> {
                if (!stream && input != APIGatewayV2HTTPEvent.class) {
                    fail(id, "Handler class " + name + " is " + actual + ", but its HttpApi/FunctionUrl events need "
                            + "RequestHandler<APIGatewayV2HTTPEvent, ?> or a RequestStreamHandler");
                }
            }
            case SQS -> {
                boolean partial = f.events(EventSource.SqsSource.class).stream()
                        .anyMatch(EventSource.SqsSource::reportBatchItemFailures);
                if (input != SQSEvent.class) {
                    fail(id, "Handler class " + name + " is " + actual + ", but its SQS events need RequestHandler<"
                            + "SQSEvent, " + (partial ? "SQSBatchResponse" : "?") + ">");
                } else if (partial && (output == null || !SQSBatchResponse.class.isAssignableFrom(output))) {
                    fail(id, "Handler class " + name + " is " + actual + ", but its SQS event reports batch item "
                            + "failures (ReportBatchItemFailures), so it must return SQSBatchResponse");
                }
            }
            case SCHEDULE -> {
                if (input != ScheduledEvent.class) {
                    fail(id, "Handler class " + name + " is " + actual + ", but its Schedule events need "
                            + "RequestHandler<ScheduledEvent, ?>");
                }
            }
        }
        return true;
    }

    /** The actual type arguments {@code type} gives {@code target}, following type variables up the hierarchy. */
    static Type[] typeArguments(Type type, Class<?> target) {
        return typeArguments(type, target, Map.of());
    }

    private static Type[] typeArguments(Type type, Class<?> target, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw = rawClass(type);
        if (raw == null) {
            return null;
        }
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        TypeVariable<?>[] params = raw.getTypeParameters();
        if (type instanceof ParameterizedType p) {
            Type[] actual = p.getActualTypeArguments();
            for (int i = 0; i < params.length; i++) {
                bindings.put(params[i], substitute(actual[i], outer));
            }
        }
        if (raw == target) {
            Type[] out = new Type[params.length];
            for (int i = 0; i < params.length; i++) {
                out[i] = bindings.getOrDefault(params[i], params[i]);
            }
            return out;
        }
        List<Type> supertypes = new ArrayList<>(Arrays.asList(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            supertypes.add(0, raw.getGenericSuperclass());
        }
        for (Type supertype : supertypes) {
            Class<?> superRaw = rawClass(supertype);
            if (superRaw != null && target.isAssignableFrom(superRaw)) {
                return typeArguments(supertype, target, bindings);
            }
        }
        return null;
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        return type instanceof TypeVariable<?> variable && bindings.containsKey(variable) ? bindings.get(variable) : type;
    }

    /** The class a type stands for; null for a type variable or wildcard nobody fixed. */
    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }
}
