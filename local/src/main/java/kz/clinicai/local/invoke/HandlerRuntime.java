package kz.clinicai.local.invoke;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kz.clinicai.local.template.FunctionDef;
import kz.clinicai.local.template.SamTemplate;
import kz.clinicai.local.template.TemplateException;
import kz.clinicai.shared.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda service of the local stack. Each function's handler is created once, on first use (a cold start,
 * inside {@link Env#scoped} with that function's environment so its composition root reads its own variables),
 * then reused warm. Invocations run on their own virtual thread, also within the function's environment, and
 * are interrupted when they pass the function's Timeout. One instance serves concurrent invocations (Lambda
 * would start more instances); handlers written for Lambda keep no per-request state in fields.
 */
public final class HandlerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerRuntime.class);

    private final SamTemplate template;
    private final FunctionEnvironment environments;
    private final ClassLoader loader;
    private final Map<String, Warm> warm = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private record Warm(LoadedHandler handler, Map<String, String> env, long coldStartMillis) {
    }

    public HandlerRuntime(SamTemplate template, FunctionEnvironment environments, ClassLoader loader) {
        this.template = template;
        this.environments = environments;
        this.loader = loader;
    }

    public SamTemplate template() {
        return template;
    }

    public FunctionDef function(String logicalId) {
        return template.function(logicalId)
                .orElseThrow(() -> new TemplateException("No function " + logicalId + " in " + template.file()));
    }

    /** The environment the function sees (template variables resolved, secrets, platform variables). */
    public Map<String, String> environment(String logicalId) {
        return environments.of(function(logicalId));
    }

    /** Creates the handler now if it is not warm yet; returns its cold-start time. */
    public long warmUp(String logicalId) {
        return warm(function(logicalId)).coldStartMillis();
    }

    /** Functions already created, with their cold-start times in ms. */
    public Map<String, Long> coldStarts() {
        Map<String, Long> out = new LinkedHashMap<>();
        template.functions().forEach(f -> Optional.ofNullable(warm.get(f.logicalId()))
                .ifPresent(w -> out.put(f.logicalId(), w.coldStartMillis())));
        return out;
    }

    /** The warm handler object of a function, if created (tests check reuse). */
    public Optional<Object> instance(String logicalId) {
        return Optional.ofNullable(warm.get(logicalId)).map(w -> w.handler().instance());
    }

    private Warm warm(FunctionDef function) {
        Warm existing = warm.get(function.logicalId());
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            return warm.computeIfAbsent(function.logicalId(), id -> coldStart(function));
        }
    }

    private Warm coldStart(FunctionDef function) {
        Map<String, String> env = environments.of(function);
        long start = System.nanoTime();
        LoadedHandler handler = Env.scoped(env, () -> {
            try {
                return LoadedHandler.create(function, loader);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + function.handler() + " for "
                        + function.logicalId() + ": " + (e.getCause() != null ? e.getCause() : e), e);
            }
        }).value();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        LOG.info("cold start {} {} ms", function.logicalId(), millis);
        return new Warm(handler, env, millis);
    }

    /** Invokes the function once with an event given as JSON; waits at most the function's Timeout. */
    public Invocation invoke(String logicalId, byte[] event) {
        return invoke(logicalId, event, null);
    }

    /**
     * As {@link #invoke(String, byte[])}, but the caller gives up after {@code callerTimeout} when that comes
     * first (API Gateway's 30 s); the invocation is then reported as timed out and interrupted too.
     */
    public Invocation invoke(String logicalId, byte[] event, java.time.Duration callerTimeout) {
        FunctionDef function = function(logicalId);
        String requestId = UUID.randomUUID().toString();
        Warm w;
        try {
            w = warm(function);
        } catch (RuntimeException e) {
            LOG.error("{} init failed", logicalId, e);
            return new Invocation.Failure(requestId, e);
        }
        long timeoutMillis = function.timeoutSeconds() * 1000L;
        long waitMillis = callerTimeout == null ? timeoutMillis : Math.min(timeoutMillis, callerTimeout.toMillis());
        LocalContext context = new LocalContext(requestId, logicalId, function.memoryMb(), timeoutMillis);
        Future<byte[]> running = executor.submit(() -> {
            Thread.currentThread().setName("fn-" + logicalId + "-" + requestId);
            return Env.scoped(w.env(), () -> {
                try {
                    return w.handler().handle(event, context);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new HandlerException(e);
                }
            }).value();
        });
        try {
            return new Invocation.Success(requestId, running.get(waitMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            running.cancel(true);
            LOG.error("{} {} Task timed out after {} seconds", logicalId, requestId, function.timeoutSeconds());
            return new Invocation.TimedOut(requestId, function.timeoutSeconds());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof HandlerException h ? h.getCause() : e.getCause();
            LOG.error("{} {} failed", logicalId, requestId, cause);
            return new Invocation.Failure(requestId, cause);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return new Invocation.Failure(requestId, e);
        }
    }

    /** Carries a checked exception out of the handler through Env.scoped's supplier. */
    private static final class HandlerException extends RuntimeException {
        HandlerException(Throwable cause) {
            super(cause);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        warm.values().forEach(w -> {
            if (w.handler().instance() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("closing a handler failed", e);
                }
            }
        });
    }
}
