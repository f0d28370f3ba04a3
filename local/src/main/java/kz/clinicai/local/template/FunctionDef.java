package kz.clinicai.local.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS::Serverless::Function with Globals applied.
 *
 * @param environment variable name to its raw value (a string or an intrinsic), Globals first
 * @param codeUri as written; by this project's convention {@code <module>/target/function.zip}
 */
public record FunctionDef(
        String logicalId,
        String handler,
        String runtime,
        String codeUri,
        int timeoutSeconds,
        int memoryMb,
        Map<String, Object> environment,
        List<EventSource> events,
        List<Object> policies,
        Optional<String> functionUrlAuthType) {

    static FunctionDef read(SamTemplate.Resource resource, Map<String, Object> globals) {
        Map<String, Object> p = resource.properties();
        Map<String, Object> env = new LinkedHashMap<>();
        env.putAll(Maps.map(Maps.map(globals.get("Environment")).get("Variables")));
        env.putAll(Maps.map(Maps.map(p.get("Environment")).get("Variables")));
        List<EventSource> events = new ArrayList<>();
        Maps.map(p.get("Events")).forEach((name, body) -> events.add(EventSource.read(resource.logicalId(), name,
                Maps.map(body))));
        Object url = p.containsKey("FunctionUrlConfig") ? p.get("FunctionUrlConfig") : null;
        return new FunctionDef(
                resource.logicalId(),
                Maps.string(first(p.get("Handler"), globals.get("Handler"))),
                Maps.string(first(p.get("Runtime"), globals.get("Runtime"))),
                Maps.string(first(p.get("CodeUri"), globals.get("CodeUri"))),
                Maps.integer(first(p.get("Timeout"), globals.get("Timeout")), SamTemplate.SAM_DEFAULT_TIMEOUT_SECONDS),
                Maps.integer(first(p.get("MemorySize"), globals.get("MemorySize")), SamTemplate.SAM_DEFAULT_MEMORY_MB),
                java.util.Collections.unmodifiableMap(env),
                List.copyOf(events),
                Maps.list(p.get("Policies")),
                url == null ? Optional.empty()
                        : Optional.of(String.valueOf(Maps.map(url).getOrDefault("AuthType", "AWS_IAM"))));
    }

    private static Object first(Object own, Object global) {
        return own != null ? own : global;
    }

    /** The Maven module that builds this function's CodeUri, relative to the project folder. */
    public Optional<Path> moduleDir() {
        if (codeUri == null) {
            return Optional.empty();
        }
        String normalized = codeUri.replace('\\', '/');
        int target = normalized.indexOf("/target/");
        return target <= 0 ? Optional.empty() : Optional.of(Path.of(normalized.substring(0, target)));
    }

    /** The class part of {@code Handler} ({@code a.b.C::method} or {@code a.b.C}). */
    public String handlerClass() {
        if (handler == null) {
            return null;
        }
        int sep = handler.indexOf("::");
        return sep < 0 ? handler : handler.substring(0, sep);
    }

    public <T extends EventSource> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
