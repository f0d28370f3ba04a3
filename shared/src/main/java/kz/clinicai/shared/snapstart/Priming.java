package kz.clinicai.shared.snapstart;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.clinicai.shared.config.Env;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: a latency-facing handler registers, from its Lambda constructor, a {@link Primer} that builds a
 * <em>twin</em> of itself from the same composition root and runs synthetic requests through it end to end (event
 * object, router, validation, JSON, the AWS SDK's marshalling, signing, HTTP client and unmarshalling, the OpenAI
 * client's request building and response parsing). Lambda calls it through CRaC's {@code beforeCheckpoint} after
 * init, so the snapshot holds those classes loaded, initialised and compiled, and the first request after a restore
 * does not pay for them.
 *
 * <p>Why it is safe at snapshot time: the twin's environment ({@link #primingEnvironment}) points every AWS
 * endpoint, the OpenAI base URL and the vendors' URLs at a {@link PrimingServer} on loopback in this JVM, with
 * placeholder AWS credentials. So priming reads no secret (the "secrets" are placeholders), writes and reads no
 * real data, calls no vendor, and leaves nothing in the snapshot that the real handler uses later: the real
 * handler's clients are never touched (its lazily created AWS clients, connection pools, secret cache and random
 * state stay as init left them — nothing connected yet), and the twin's connections are to the priming server,
 * closed with it. {@code afterRestore} therefore has nothing to reinitialise; it logs that the restore happened.
 *
 * <p>{@link #prime} is public so the cold-start bench can run the same priming without a real snapshot (the RIC
 * calls the hooks when {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}). A failing primer is logged and ignored:
 * priming may make a function faster, never break its init.
 */
public final class Priming {

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** CRaC contexts hold resources weakly: these references keep them registered for the JVM's life. */
    private static final List<Resource> REGISTERED = new CopyOnWriteArrayList<>();

    /** Builds a twin of the function on {@code env} (the priming environment) and runs synthetic requests through it. */
    @FunctionalInterface
    public interface Primer {
        void prime(Env env) throws Exception;
    }

    private Priming() {
    }

    /** Registers {@code primer} to run before Lambda snapshots this function (CRaC beforeCheckpoint). */
    public static void register(String function, Env env, Primer primer) {
        Resource resource = new Resource() {
            @Override
            public void beforeCheckpoint(Context<? extends Resource> context) {
                prime(function, env, primer);
            }

            @Override
            public void afterRestore(Context<? extends Resource> context) {
                // Nothing to reinitialise: priming ran on a twin (see the class comment).
                LOG.info("Restored {} from its snapshot", function);
            }
        };
        REGISTERED.add(resource);
        Core.getGlobalContext().register(resource);
    }

    /** Runs {@code primer} now against a fresh priming server; returns how long it took. Never throws. */
    public static Duration prime(String function, Env env, Primer primer) {
        long started = System.nanoTime();
        try (PrimingServer server = new PrimingServer()) {
            primer.prime(env.with(primingEnvironment(server.url().toString())));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Primed {} in {} ms ({} requests to the priming server)", function, took.toMillis(),
                    server.requests());
            return took;
        } catch (Exception | LinkageError e) {
            LOG.warn("Priming {} failed; the function starts unprimed: {}", function, e.toString());
            return Duration.ofNanos(System.nanoTime() - started);
        }
    }

    /** Every endpoint a function may call, pointed at the priming server; placeholder AWS credentials. */
    static Map<String, String> primingEnvironment(String server) {
        return Map.ofEntries(
                Map.entry("AWS_ENDPOINT_URL", server),
                Map.entry("AWS_ENDPOINT_URL_DYNAMODB", server),
                Map.entry("AWS_ENDPOINT_URL_SQS", server),
                Map.entry("AWS_ENDPOINT_URL_S3", server),
                Map.entry("AWS_ENDPOINT_URL_SECRETS_MANAGER", server),
                Map.entry("AWS_ACCESS_KEY_ID", "priming"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "priming"),
                Map.entry("AWS_SESSION_TOKEN", "priming"),
                Map.entry("OPENAI_BASE_URL", server + "/v1"),
                Map.entry("OPENAI_MAX_RETRIES", "0"),
                Map.entry("TELEGRAM_API_BASE_URL", server),
                Map.entry("VOXIMPLANT_API_URL", server + "/platform_api"),
                Map.entry("UIS_API_URL", server + "/uis"),
                Map.entry("SHEETS_ROOT_URL", server + "/"),
                Map.entry("CALLS_RESULT_WEBHOOK_URL", server + "/result"));
    }
}
