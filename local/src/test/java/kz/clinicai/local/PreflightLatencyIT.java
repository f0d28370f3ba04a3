package kz.clinicai.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The figure for the emulator's CORS preflight: round trips of {@code OPTIONS} preflights (answered by the emulator
 * from CorsConfiguration, no function called) next to the same route's {@code GET} (a warm function), over one
 * keep-alive connection. Prints the percentiles; asserts only that every preflight was answered as configured.
 * Rerun: {@code ./mvnw -o -pl local -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=PreflightLatencyIT}
 */
class PreflightLatencyIT {

    private static final int WARM_UP = 300;
    private static final int RUNS = 2_000;

    @Test
    void preflightRoundTrips() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create(LocalStackFixture.api() + "/plain"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://allowed.example")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "x-token")
                .build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(LocalStackFixture.api() + "/plain"))
                .header("Origin", "https://allowed.example").GET().build();

        long[] options = measure(preflight, 204);
        long[] function = measure(get, 200);

        System.out.println("PREFLIGHT " + summary(options) + " | GET via function " + summary(function)
                + " | runs " + RUNS + " after " + WARM_UP + " warm-up");
        assertThat(options).hasSize(RUNS);
    }

    private static long[] measure(HttpRequest request, int status) throws Exception {
        long[] nanos = new long[RUNS];
        for (int i = -WARM_UP; i < RUNS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = LocalStackFixture.send(HttpRequest.newBuilder(request, (n, v) -> true));
            long took = System.nanoTime() - start;
            assertThat(r.statusCode()).isEqualTo(status);
            assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("https://allowed.example");
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static String summary(long[] sorted) {
        return String.format(Locale.ROOT, "p50 %.3f ms p90 %.3f ms p99 %.3f ms", sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length * 9 / 10] / 1e6, sorted[sorted.length * 99 / 100] / 1e6);
    }
}
