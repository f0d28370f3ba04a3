package kz.clinicai.local.invoke;

/** How one invocation ended, as the Lambda service reports it to the caller (API Gateway, a poller, invoke). */
public sealed interface Invocation {

    String requestId();

    /** @param response the handler's response as JSON (Lambda's serialisation of the return value) */
    record Success(String requestId, byte[] response) implements Invocation {
    }

    /** The handler threw (or could not be created). */
    record Failure(String requestId, Throwable error) implements Invocation {
    }

    /** The function ran past its Timeout; the handler thread was interrupted. */
    record TimedOut(String requestId, int timeoutSeconds) implements Invocation {
    }
}
