package kz.clinicai.console.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's client of the calls API against a scripted HTTP server: key, refusals, retries only where safe. */
class CallsApiClientTest {

    private HttpServer server;
    private final Deque<int[]> statuses = new ArrayDeque<>();
    private final Deque<String> bodies = new ArrayDeque<>();
    private final List<String> seen = new ArrayList<>();
    private CallsApiClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " key="
                    + exchange.getRequestHeaders().getFirst("x-api-key"));
            int status = statuses.isEmpty() ? 200 : statuses.poll()[0];
            byte[] body = (bodies.isEmpty() ? "{}" : bodies.poll()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            if (status == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        client = new CallsApiClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), () -> "k1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(int status, String body) {
        statuses.add(new int[] {status});
        bodies.add(body);
    }

    @Test
    void aValidationRefusalCarriesEachProblem() {
        answer(400, "{\"error\":\"invalid_settings\",\"message\":\"a; b\",\"problems\":[{\"field\":\"max_attempts\","
                + "\"message\":\"must be a whole number 1-10\"},{\"field\":\"colour\",\"message\":\"unknown field\"}]}");
        assertThatThrownBy(() -> client.saveSettings(Map.of("max_attempts", 0)))
                .isInstanceOfSatisfying(CallsApiClient.Refused.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_settings");
                    assertThat(e.problems()).extracting(CallsApiClient.Problem::field)
                            .containsExactly("max_attempts", "colour");
                });
        assertThat(seen).containsExactly("PUT /calls/settings key=k1");
    }

    @Test
    void aReadIsRetriedOnceAfterA503ButAnImportIsNot() {
        answer(503, "{}");
        answer(200, "{\"numbers\":[],\"count\":0}");
        assertThat(client.doNotCallList().path("count").asInt()).isZero();
        assertThat(seen).hasSize(2);

        seen.clear();
        answer(503, "{}");
        assertThatThrownBy(() -> client.addToDoNotCallList(List.of("+77011234567"), null))
                .isInstanceOf(CallsApiClient.Unavailable.class);
        assertThat(seen).as("an import is not repeated").hasSize(1);
    }

    @Test
    void aNumberIsSentEncodedAndANoContentAnswerIsFine() {
        answer(204, "");
        client.removeFromDoNotCallList("+77011234567");
        assertThat(seen).containsExactly("DELETE /calls/do-not-call/%2B77011234567 key=k1");
    }

    @Test
    void anApiThatIsNotThereIsUnavailableNotAnError() {
        server.stop(0);
        assertThatThrownBy(() -> client.settings()).isInstanceOf(CallsApiClient.Unavailable.class);
    }

    @Test
    void aReminderListIsPostedOnceAndItsRefusalNamesEachEntry() {
        answer(503, "{}");
        assertThatThrownBy(() -> client.postReminders(Map.of("clinic", "c")))
                .isInstanceOf(CallsApiClient.Unavailable.class);
        assertThat(seen).as("never retried: a stored list whose answer was lost would be dialled twice")
                .containsExactly("POST /reminders key=k1");
        answer(400, "{\"error\":\"invalid_reminder_list\",\"message\":\"2 problem(s)\",\"problems\":[{\"field\":"
                + "\"clinic\",\"code\":\"unknown_clinic\",\"message\":\"No clinic 'x'\"},{\"entry\":3,\"field\":"
                + "\"phone\",\"code\":\"invalid_phone\",\"message\":\"not a number\"}]}");
        assertThatThrownBy(() -> client.postReminders(Map.of("clinic", "x")))
                .isInstanceOfSatisfying(CallsApiClient.Refused.class, e -> assertThat(e.problems()).containsExactly(
                        new CallsApiClient.Problem(null, "clinic", "unknown_clinic", "No clinic 'x'"),
                        new CallsApiClient.Problem(3, "phone", "invalid_phone", "not a number")));
        seen.clear();
        client.remindersOfDay("clinic-a", "2026-12-08");
        client.reminderList("rem_1");
        assertThat(seen).containsExactly("GET /reminders key=k1", "GET /reminders/rem_1 key=k1");
    }
}
