package kz.clinicai.local.template;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kz.clinicai.shared.config.Env;

/**
 * What template.yaml promises and the code must keep: handler classes that exist and take the event their
 * triggers send, environment variables declared exactly where they are read, sample events that the runtime can
 * deserialise, references that point at something, and SQS consumers with a DLQ and a long enough visibility
 * timeout. Deploying finds most of these only at run time, one at a time; this finds them all at build time.
 */
final class TemplateContract {

    /** One broken promise; {@code resource} is the logical id (or events/ file) to fix. */
    record Violation(String resource, String message) {
        @Override
        public String toString() {
            return resource + ": " + message;
        }
    }

    /** The event a function's triggers deliver; one handler takes one event type. */
    enum Trigger {
        HTTP("HttpApi/FunctionUrl", APIGatewayV2HTTPEvent.class),
        SQS("SQS", SQSEvent.class),
        SCHEDULE("Schedule", ScheduledEvent.class);

        final String label;
        final Class<?> eventType;

        Trigger(String label, Class<?> eventType) {
            this.label = label;
            this.eventType = eventType;
        }
    }

    /** Read by the Lambda runtime or Powertools themselves, never through our Env. */
    private static final List<String> EXEMPT_PREFIXES = List.of("POWERTOOLS_", "AWS_", "JAVA_TOOL_OPTIONS");
    private static final int MIN_MAX_RECEIVE_COUNT = 5;
    private static final int VISIBILITY_TIMEOUT_FACTOR = 6;
    /** Port 1 on loopback: anything that tries to connect during init fails at once instead of going out. */
    private static final String DEAD_END = "http://127.0.0.1:1";
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";

    private final SamTemplate template;
    private final ClassLoader loader;
    private final Intrinsics intrinsics;
    private final Map<String, Trigger> triggers = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();

    private TemplateContract(SamTemplate template, ClassLoader loader) {
        this.template = template;
        this.loader = loader;
        this.intrinsics = new Intrinsics(template, new PlaceholderWorld());
    }

    static List<Violation> check(SamTemplate template, ClassLoader loader) {
        TemplateContract contract = new TemplateContract(template, loader);
        for (FunctionDef function : template.functions()) {
            contract.checkFunction(function);
        }
        contract.checkEventFiles();
        contract.checkReferences();
        contract.checkQueues();
        contract.checkHttpApiPathsHaveNoTrailingSlash();
        contract.checkHttpApiRouteKeysAreUnique();
        contract.checkCorsAllowsHandlerHeaders();
        return List.copyOf(contract.violations);
    }

    private void fail(String resource, String message) {
        violations.add(new Violation(resource, message));
    }

    // ---- 1 + 2: handler class, event type, environment -------------------------------------------------------

    private void checkFunction(FunctionDef f) {
        trigger(f).ifPresent(t -> triggers.put(f.logicalId(), t));
        Class<?> handler = handlerClass(f);
        if (handler == null) {
            return;
        }
        if (checkSignature(f, handler)) {
            checkEnvironment(f, handler);
        }
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

    private void checkEnvironment(FunctionDef f, Class<?> handler) {
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
            values.put(name, name.startsWith("AWS_ENDPOINT_URL") ? DEAD_END : "placeholder");
        }
        values.put("AWS_REGION", REGION);
        values.put("AWS_DEFAULT_REGION", REGION);
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
                return DEAD_END + (uri.getRawPath() == null ? "" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            } catch (IllegalArgumentException e) {
                return DEAD_END + "/";
            }
        }
        return value;
    }

    /** Names that resolve to what the resource would be called, with local-looking URLs and ARNs. */
    private final class PlaceholderWorld implements Intrinsics.World {

        @Override
        public String ref(String name) {
            Optional<String> pseudo = Intrinsics.pseudoParameter(name, REGION, ACCOUNT, "clinicai");
            if (pseudo.isPresent()) {
                return pseudo.get();
            }
            if (name.startsWith("AWS::")) {
                return "placeholder";
            }
            SamTemplate.Parameter parameter = template.parameters().get(name);
            if (parameter != null) {
                if (parameter.defaultValue() != null) {
                    return parameter.defaultValue();
                }
                return "Number".equals(parameter.type()) ? "1" : "placeholder-" + name;
            }
            return template.resource(name)
                    .map(r -> r.type().equals("AWS::SQS::Queue") ? queueUrl(r) : physicalName(r))
                    .orElse(name);
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            Optional<SamTemplate.Resource> resource = template.resource(logicalId);
            if (resource.isEmpty()) {
                return logicalId + "." + attribute;
            }
            SamTemplate.Resource r = resource.get();
            return switch (attribute) {
                case "Arn", "StreamArn" -> "arn:aws:" + service(r.type()) + ":" + REGION + ":" + ACCOUNT + ":"
                        + physicalName(r);
                case "QueueUrl" -> queueUrl(r);
                case "FunctionUrl", "ApiEndpoint", "WebsiteURL" -> DEAD_END + "/";
                default -> physicalName(r);
            };
        }

        private String queueUrl(SamTemplate.Resource r) {
            return DEAD_END + "/" + ACCOUNT + "/" + physicalName(r);
        }

        private String physicalName(SamTemplate.Resource r) {
            for (String key : List.of("TableName", "QueueName", "BucketName", "FunctionName", "Name")) {
                Object value = r.properties().get(key);
                if (value != null) {
                    try {
                        return intrinsics.string(value);
                    } catch (RuntimeException e) {
                        return r.logicalId();
                    }
                }
            }
            return r.logicalId();
        }

        private String service(String type) {
            String[] parts = type.split("::");
            return parts.length > 1 ? parts[1].toLowerCase() : "unknown";
        }
    }

    // ---- 3: sample events --------------------------------------------------------------------------------------

    private void checkEventFiles() {
        Path dir = template.projectDir().resolve("events");
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            fail("events/", "cannot list " + dir + ": " + e.getMessage());
            return;
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String label = "events/" + name;
            Optional<FunctionDef> owner = template.functions().stream()
                    .filter(f -> name.equals(f.logicalId() + ".json") || name.startsWith(f.logicalId() + "-"))
                    .max((a, b) -> Integer.compare(a.logicalId().length(), b.logicalId().length()));
            if (owner.isEmpty()) {
                fail(label, "names no function of the template (expected events/<FunctionLogicalId>.json or "
                        + "events/<FunctionLogicalId>-<case>.json)");
                continue;
            }
            String id = owner.get().logicalId();
            Trigger trigger = triggers.get(id);
            if (trigger == null) {
                try {
                    new ObjectMapper().readTree(file.toFile());
                } catch (IOException e) {
                    fail(id, label + " is not valid JSON: " + rootMessage(e));
                }
                continue;
            }
            Object event;
            try {
                event = EventLoader.loadEvent(file.toAbsolutePath().toString(), trigger.eventType);
            } catch (RuntimeException e) {
                fail(id, label + " does not deserialise into " + trigger.eventType.getSimpleName() + ": "
                        + rootMessage(e));
                continue;
            }
            List<String> missing = event == null ? List.of("the file holds no event") : missingFields(event);
            if (!missing.isEmpty()) {
                fail(id, label + " is not a " + trigger.label + " event (" + trigger.eventType.getSimpleName()
                        + "): " + String.join("; ", missing));
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The loaders accept almost anything; these are the fields without which the event is not that event. */
    private static List<String> missingFields(Object event) {
        List<String> missing = new ArrayList<>();
        switch (event) {
            case APIGatewayV2HTTPEvent http -> {
                if (!"2.0".equals(http.getVersion())) {
                    missing.add("version must be \"2.0\" (payload format 2.0), is " + http.getVersion());
                }
                if (blank(http.getRouteKey())) {
                    missing.add("no routeKey");
                }
                if (blank(http.getRawPath())) {
                    missing.add("no rawPath");
                }
                if (http.getRequestContext() == null || http.getRequestContext().getHttp() == null
                        || blank(http.getRequestContext().getHttp().getMethod())) {
                    missing.add("no requestContext.http.method");
                }
            }
            case SQSEvent sqs -> {
                if (sqs.getRecords() == null || sqs.getRecords().isEmpty()) {
                    missing.add("no Records");
                } else {
                    for (int i = 0; i < sqs.getRecords().size(); i++) {
                        SQSEvent.SQSMessage message = sqs.getRecords().get(i);
                        if (message == null || blank(message.getMessageId())) {
                            missing.add("Records[" + i + "] has no messageId");
                        }
                        if (message == null || message.getBody() == null) {
                            missing.add("Records[" + i + "] has no body");
                        }
                    }
                }
            }
            case ScheduledEvent scheduled -> {
                if (!"Scheduled Event".equals(scheduled.getDetailType())) {
                    missing.add("detail-type must be \"Scheduled Event\", is " + scheduled.getDetailType());
                }
                if (!"aws.events".equals(scheduled.getSource())) {
                    missing.add("source must be \"aws.events\", is " + scheduled.getSource());
                }
            }
            case null, default -> {
            }
        }
        return missing;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // ---- 4: references ------------------------------------------------------------------------------------------

    private void checkReferences() {
        Set<String> known = knownIds();
        Set<String> conditions = template.conditions().keySet();
        template.resources().forEach((id, resource) -> {
            checkRefs(id, "", resource.body(), known, conditions);
            for (Object dependency : Maps.list(resource.body().get("DependsOn"))) {
                if (!template.resources().containsKey(String.valueOf(dependency))) {
                    fail(id, "DependsOn " + dependency + ", which the template does not declare");
                }
            }
            Object condition = resource.body().get("Condition");
            if (condition instanceof String name && !conditions.contains(name)) {
                fail(id, "has Condition " + name + ", which Conditions does not declare");
            }
        });
        Object globals = template.raw().get("Globals");
        if (globals != null) {
            checkRefs("Globals", "", globals, known, conditions);
        }
        template.outputs().forEach((name, body) -> {
            checkRefs(name, "output ", body, known, conditions);
            Object condition = Maps.map(body).get("Condition");
            if (condition instanceof String c && !conditions.contains(c)) {
                fail(name, "output has Condition " + c + ", which Conditions does not declare");
            }
        });
        template.conditions().forEach((name, body) -> checkRefs(name, "condition ", body, known, conditions));
    }

    private void checkRefs(String owner, String kind, Object body, Set<String> known, Set<String> conditions) {
        for (String ref : new LinkedHashSet<>(Intrinsics.references(body))) {
            if (!ref.startsWith("AWS::") && !known.contains(ref)) {
                fail(owner, kind + "refers to " + ref + ", which the template does not declare "
                        + "(no such resource or parameter)");
            }
        }
        Set<String> usedConditions = new LinkedHashSet<>();
        collectConditions(body, usedConditions);
        for (String name : usedConditions) {
            if (!conditions.contains(name)) {
                fail(owner, kind + "uses condition " + name + ", which Conditions does not declare");
            }
        }
    }

    /** Condition names used inside values: the first argument of Fn::If and {Condition: X} in conditions. */
    private static void collectConditions(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (map.size() == 1 && "Fn::If".equals(e.getKey()) && e.getValue() instanceof List<?> args
                        && !args.isEmpty()) {
                    out.add(String.valueOf(args.get(0)));
                    args.subList(1, args.size()).forEach(a -> collectConditions(a, out));
                } else if (map.size() == 1 && "Condition".equals(e.getKey()) && e.getValue() instanceof String s) {
                    out.add(s);
                } else {
                    collectConditions(e.getValue(), out);
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectConditions(item, out));
        }
    }

    /** Declared resources and parameters, plus what the SAM transform generates and templates may refer to. */
    private Set<String> knownIds() {
        Set<String> known = new LinkedHashSet<>(template.resources().keySet());
        known.addAll(template.parameters().keySet());
        known.addAll(template.httpApiIds());
        template.resources().values().stream().filter(r -> r.type().equals("AWS::Serverless::HttpApi"))
                .forEach(r -> known.add(r.logicalId() + "ApiGatewayDefaultStage"));
        Map<String, Object> globals = Maps.map(Maps.map(template.raw().get("Globals")).get("Function"));
        for (FunctionDef f : template.functions()) {
            String id = f.logicalId();
            Map<String, Object> p = template.resources().get(id).properties();
            if (!p.containsKey("Role")) {
                known.add(id + "Role");
            }
            if (p.get("AutoPublishAlias") != null || globals.get("AutoPublishAlias") != null) {
                known.addAll(List.of(id + "Alias", id + "Version", id + ".Alias", id + ".Version"));
            }
            if (f.functionUrlAuthType().isPresent()) {
                known.add(id + "Url");
            }
            // Event sources become resources named after the function and the event (rules, schedules, mappings).
            f.events().forEach(e -> known.add(id + e.name()));
        }
        return known;
    }

    // ---- 5: SQS consumers ------------------------------------------------------------------------------------------

    private void checkQueues() {
        for (FunctionDef f : template.functions()) {
            for (EventSource.SqsSource sqs : f.events(EventSource.SqsSource.class)) {
                Optional<QueueDef> queue = sqs.queueId() == null ? Optional.empty() : template.queue(sqs.queueId());
                if (queue.isEmpty()) {
                    fail(f.logicalId(), "SQS event " + sqs.name() + ": Queue "
                            + (sqs.queueId() == null ? "" : sqs.queueId() + " ")
                            + "is not a queue of this template (use !GetAtt <Queue>.Arn)");
                    continue;
                }
                QueueDef q = queue.get();
                String consumer = " (consumed by " + f.logicalId() + ", event " + sqs.name() + ")";
                if (q.redrive().isEmpty()) {
                    fail(q.logicalId(), "has no DLQ" + consumer + ": add RedrivePolicy with deadLetterTargetArn and "
                            + "maxReceiveCount >= " + MIN_MAX_RECEIVE_COUNT);
                } else {
                    QueueDef.Redrive redrive = q.redrive().get();
                    if (redrive.deadLetterQueueId() == null || template.queue(redrive.deadLetterQueueId()).isEmpty()) {
                        fail(q.logicalId(), "RedrivePolicy's deadLetterTargetArn is not a queue of this template"
                                + consumer);
                    }
                    if (redrive.maxReceiveCount() < MIN_MAX_RECEIVE_COUNT) {
                        fail(q.logicalId(), "RedrivePolicy maxReceiveCount " + redrive.maxReceiveCount()
                                + " is under " + MIN_MAX_RECEIVE_COUNT + consumer);
                    }
                }
                int minimum = VISIBILITY_TIMEOUT_FACTOR * f.timeoutSeconds();
                if (q.visibilityTimeoutSeconds() < minimum) {
                    fail(q.logicalId(), "VisibilityTimeout " + q.visibilityTimeoutSeconds() + " s is under "
                            + VISIBILITY_TIMEOUT_FACTOR + " x the Timeout of " + f.logicalId() + " ("
                            + f.timeoutSeconds() + " s) = " + minimum + " s");
                }
            }
        }
    }

    // ---- HTTP API routes and CORS ------------------------------------------------------------------------------

    /**
     * An HTTP API cannot hold a route path that ends in "/": SAM then creates the integration and the permission
     * but no route, without an error, and the URL answers 404 once deployed. A route {@code /x} serves {@code /x/}.
     */
    private void checkHttpApiPathsHaveNoTrailingSlash() {
        for (FunctionDef f : template.functions()) {
            for (EventSource.HttpApiRoute route : f.events(EventSource.HttpApiRoute.class)) {
                String path = route.path();
                if (path.length() > 1 && path.endsWith("/")) {
                    fail(f.logicalId(), "HttpApi event " + route.name() + ": Path " + path + " ends in '/', which an "
                            + "HTTP API cannot hold (SAM makes no route for it); declare " + path.replaceAll("/+$", "")
                            + ", which serves " + path + " too");
                }
            }
        }
    }

    /** One route key per API: a second event with it (parameter names aside) would never be reached. */
    private void checkHttpApiRouteKeysAreUnique() {
        Map<String, String> seen = new HashMap<>();
        for (FunctionDef f : template.functions()) {
            for (EventSource.HttpApiRoute route : f.events(EventSource.HttpApiRoute.class)) {
                String shape = route.path().replaceAll("\\{[^}]*?(\\+?)}", "{$1}");
                String owner = f.logicalId() + " event " + route.name();
                String previous = seen.putIfAbsent(route.api() + " " + route.method() + " " + shape, owner);
                if (previous != null) {
                    fail(f.logicalId(), "HttpApi event " + route.name() + ": route key " + route.method() + " "
                            + route.path() + " on " + route.api() + " is already declared by " + previous);
                }
            }
        }
    }

    /**
     * The headers a handler needs from browsers ({@link kz.clinicai.shared.http.CorsRequestHeaders}) must be in
     * the CorsConfiguration.AllowHeaders of every HTTP API its routes are on: API Gateway answers the preflight
     * from that list alone, so a missing header breaks every cross-origin call before the function runs.
     */
    private void checkCorsAllowsHandlerHeaders() {
        for (FunctionDef f : template.functions()) {
            List<EventSource.HttpApiRoute> routes = f.events(EventSource.HttpApiRoute.class);
            if (routes.isEmpty() || f.handlerClass() == null) {
                continue;
            }
            kz.clinicai.shared.http.CorsRequestHeaders required;
            try {
                required = Class.forName(f.handlerClass(), false, loader)
                        .getAnnotation(kz.clinicai.shared.http.CorsRequestHeaders.class);
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // the handler rule reports it
            }
            if (required == null) {
                continue;
            }
            Map<String, List<String>> eventsByApi = new LinkedHashMap<>();
            routes.forEach(r -> eventsByApi.computeIfAbsent(r.api(), k -> new ArrayList<>()).add(r.name()));
            eventsByApi.forEach((api, events) -> {
                Object cors = template.httpApiCors(api);
                Set<String> allowed = cors instanceof Map<?, ?> c ? allowHeaders(intrinsics.resolve(c.get("AllowHeaders")))
                        : Set.of();
                Set<String> missing = new TreeSet<>();
                for (String header : required.value()) {
                    String name = header.toLowerCase(java.util.Locale.ROOT);
                    if (!allowed.contains("*") && !allowed.contains(name)) {
                        missing.add(name);
                    }
                }
                if (!missing.isEmpty()) {
                    fail(f.logicalId(), "HttpApi event(s) " + String.join(", ", events) + " on " + api + ": "
                            + (cors == null ? "the API has no CorsConfiguration" : "CorsConfiguration.AllowHeaders lacks "
                            + String.join(", ", missing)) + ", which " + f.handlerClass().replaceAll(".*\\.", "")
                            + " requires from browsers (@CorsRequestHeaders); their preflights would be refused");
                }
            });
        }
    }

    /** A list, or a CommaDelimitedList parameter's comma-joined value. */
    private static Set<String> allowHeaders(Object headers) {
        Set<String> out = new TreeSet<>();
        List<?> items = headers instanceof List<?> list ? list : headers == null ? List.of()
                : Arrays.asList(String.valueOf(headers).split(","));
        items.forEach(h -> out.add(String.valueOf(h).trim().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    // ---- Operations: secrets, least privilege, logs, alarms (the deployed shape) -------------------------------
    // Separate from check(): the build-time fixtures above are minimal templates, not deployable ones. Each rule
    // is one self-contained method; checkOperations runs them all on the project's template.

    /** SAM policy templates that grant dynamodb:Scan (among other actions). */
    private static final Set<String> SCAN_POLICY_TEMPLATES = Set.of("DynamoDBCrudPolicy", "DynamoDBReadPolicy",
            "DynamoDBReconfigurePolicy", "DynamoDBWritePolicy");

    /** What a deployed stack must also keep: secrets out of configuration, least privilege, logs, alarms. */
    static List<Violation> checkOperations(SamTemplate template) {
        List<Violation> out = new ArrayList<>();
        checkNoSecretsInEnvironment(template, out);
        checkNoWildcardActions(template, out);
        checkNoUnusedScan(template, out);
        checkLogRetention(template, out);
        checkDeadLetterQueueAlarms(template, out);
        return List.copyOf(out);
    }

    /**
     * A {@code {{resolve:secretsmanager}}} (or {@code ssm-secure}) reference in an Environment block puts the secret
     * in plain text into the function's configuration and every published version: functions get secret names.
     */
    static void checkNoSecretsInEnvironment(SamTemplate template, List<Violation> out) {
        Object globalEnv = Maps.map(Maps.map(Maps.map(template.raw().get("Globals")).get("Function"))
                .get("Environment")).get("Variables");
        Maps.map(globalEnv).forEach((name, value) -> {
            if (resolvesSecret(value)) {
                out.add(new Violation("Globals", "environment variable " + name + " resolves a secret into the "
                        + "configuration; pass the secret's name and read it at run time (SecretStore)"));
            }
        });
        template.resources().forEach((id, resource) -> {
            Object variables = resource.type().equals("AWS::Lambda::Function")
                    || resource.type().equals("AWS::Serverless::Function")
                    ? Maps.map(resource.properties().get("Environment")).get("Variables") : null;
            Maps.map(variables).forEach((name, value) -> {
                if (resolvesSecret(value)) {
                    out.add(new Violation(id, "environment variable " + name + " resolves a secret into the "
                            + "function's configuration; pass the secret's name and read it at run time (SecretStore)"));
                }
            });
        });
    }

    private static boolean resolvesSecret(Object value) {
        String text = String.valueOf(value);
        return text.contains("{{resolve:secretsmanager") || text.contains("{{resolve:ssm-secure");
    }

    /** No IAM action with a wildcard ({@code *}, {@code dynamodb:*}, {@code s3:Get*}): grant what the code calls. */
    static void checkNoWildcardActions(SamTemplate template, List<Violation> out) {
        template.resources().forEach((id, resource) -> {
            List<Object> statements = new ArrayList<>();
            if (resource.type().equals("AWS::Serverless::Function")) {
                collectStatements(resource.properties().get("Policies"), statements);
            } else if (resource.type().startsWith("AWS::IAM::")) {
                collectStatements(resource.properties(), statements);
            }
            for (Object statement : statements) {
                Map<String, Object> st = Maps.map(statement);
                if (!"Allow".equals(st.get("Effect"))) {
                    continue;
                }
                List<Object> actions = st.get("Action") instanceof List<?> l ? new ArrayList<>(l)
                        : st.get("Action") == null ? List.of() : List.of(st.get("Action"));
                for (Object action : actions) {
                    if (String.valueOf(action).contains("*")) {
                        out.add(new Violation(id, "grants the wildcard action " + action
                                + "; list the actions the code calls"));
                    }
                }
                if (st.containsKey("NotAction")) {
                    out.add(new Violation(id, "grants with NotAction (everything but a list); list the actions "
                            + "the code calls"));
                }
            }
        });
    }

    /** Every IAM statement under {@code node} (inline Statement lists, PolicyDocuments, both branches of Fn::If). */
    private static void collectStatements(Object node, List<Object> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if ("Statement".equals(e.getKey())) {
                    Object st = e.getValue();
                    if (st instanceof List<?> list) {
                        out.addAll(list);
                    } else if (st instanceof Map<?, ?>) {
                        out.add(st);
                    }
                } else {
                    collectStatements(e.getValue(), out);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectStatements(item, out));
        }
    }

    /**
     * No dynamodb:Scan (explicit, or through a SAM policy template that includes it) for a function whose code
     * never scans. Checkable where the function's module and the shared library are sources of this project; a
     * function whose sources are elsewhere is skipped.
     */
    static void checkNoUnusedScan(SamTemplate template, List<Violation> out) {
        for (FunctionDef f : template.functions()) {
            Optional<Path> module = f.moduleDir();
            if (module.isEmpty()) {
                continue;
            }
            Path sources = template.projectDir().resolve(module.get()).resolve("src/main/java").normalize();
            if (!Files.isDirectory(sources)) {
                continue;
            }
            List<Path> roots = new ArrayList<>(List.of(sources));
            Path shared = template.projectDir().resolve("shared/src/main/java").normalize();
            if (Files.isDirectory(shared)) {
                roots.add(shared);
            }
            if (callsScan(roots)) {
                continue;
            }
            List<String> grants = new ArrayList<>();
            for (Object policy : f.policies()) {
                Map<String, Object> map = Maps.map(policy);
                map.keySet().stream().filter(SCAN_POLICY_TEMPLATES::contains).forEach(name -> grants.add(name));
            }
            List<Object> statements = new ArrayList<>();
            collectStatements(f.policies(), statements);
            for (Object statement : statements) {
                Object action = Maps.map(statement).get("Action");
                List<?> actions = action instanceof List<?> l ? l : action == null ? List.of() : List.of(action);
                actions.stream().map(String::valueOf)
                        .filter(a -> a.equalsIgnoreCase("dynamodb:Scan") || a.equals("dynamodb:*") || a.equals("*"))
                        .forEach(grants::add);
            }
            for (String grant : grants) {
                out.add(new Violation(f.logicalId(), "is granted dynamodb:Scan (" + grant + ") but its code never "
                        + "scans; grant only the item and query actions it calls"));
            }
        }
    }

    private static boolean callsScan(List<Path> roots) {
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                boolean found = files.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> {
                    try {
                        return Files.readString(p).contains(".scan(");
                    } catch (IOException e) {
                        return true;
                    }
                });
                if (found) {
                    return true;
                }
            } catch (IOException e) {
                // Unreadable sources: not checkable, assume it scans rather than report a false violation.
                return true;
            }
        }
        return false;
    }

    /**
     * Every function logs into a log group of this template that has a retention: LoggingConfig.LogGroup (own or
     * from Globals) naming one, or one named {@code /aws/lambda/<function>}. Without it Lambda creates a group on
     * first use that keeps everything forever. Every declared log group has RetentionInDays.
     */
    static void checkLogRetention(SamTemplate template, List<Violation> out) {
        Map<String, SamTemplate.Resource> groups = new LinkedHashMap<>();
        template.resources().forEach((id, r) -> {
            if (r.type().equals("AWS::Logs::LogGroup")) {
                groups.put(id, r);
                if (r.properties().get("RetentionInDays") == null) {
                    out.add(new Violation(id, "log group has no RetentionInDays (entries would be kept forever)"));
                }
            }
        });
        Map<String, Object> globals = Maps.map(Maps.map(template.raw().get("Globals")).get("Function"));
        for (FunctionDef f : template.functions()) {
            Map<String, Object> own = Maps.map(template.resources().get(f.logicalId()).properties().get("LoggingConfig"));
            Object logGroup = own.containsKey("LogGroup") ? own.get("LogGroup")
                    : Maps.map(globals.get("LoggingConfig")).get("LogGroup");
            boolean covered;
            if (logGroup != null) {
                List<String> refs = Intrinsics.references(logGroup);
                covered = refs.stream().anyMatch(groups::containsKey);
            } else {
                covered = groups.values().stream().anyMatch(g -> {
                    Object name = g.properties().get("LogGroupName");
                    return String.valueOf(name).contains("/aws/lambda/")
                            && Intrinsics.references(name).contains(f.logicalId());
                });
            }
            if (!covered) {
                out.add(new Violation(f.logicalId(), "has no log group with a retention in this template (set "
                        + "LoggingConfig.LogGroup to an AWS::Logs::LogGroup with RetentionInDays)"));
            }
        }
    }

    /** Every queue that is some queue's dead-letter target is watched by a CloudWatch alarm on that queue. */
    static void checkDeadLetterQueueAlarms(SamTemplate template, List<Violation> out) {
        Set<String> dlqs = new TreeSet<>();
        for (QueueDef q : template.queues()) {
            q.redrive().map(QueueDef.Redrive::deadLetterQueueId).filter(template.resources()::containsKey)
                    .ifPresent(dlqs::add);
        }
        List<SamTemplate.Resource> alarms = template.resources().values().stream()
                .filter(r -> r.type().equals("AWS::CloudWatch::Alarm"))
                .toList();
        for (String dlq : dlqs) {
            boolean watched = alarms.stream().anyMatch(a -> String.valueOf(a.properties()).contains("AWS/SQS")
                    && Intrinsics.references(a.properties().get("Dimensions") != null
                            ? a.properties().get("Dimensions") : a.properties().get("Metrics")).contains(dlq));
            if (!watched) {
                out.add(new Violation(dlq, "is a dead-letter queue without a CloudWatch alarm (AWS/SQS, dimension "
                        + "QueueName of this queue): a message there is work given up on, and nobody would know"));
            }
        }
    }
}
