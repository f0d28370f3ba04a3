package kz.clinicai.local.calls;

import static kz.clinicai.local.calls.CallsWorld.says;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.shared.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reminder list's webhook end to end: POST /reminders with a webhook_url on a receiver on loopback (the local stack
 * takes plain http there) → the calls scheduler settles and calls the entries → each final outcome arrives once,
 * signed with the clinic's key from GET /reminders/webhook-key (checked here with javax.crypto), with its event id; a
 * receiver that fails once gets the same event once more and nothing after.
 */
class RemindersWebhookIT {

    /** The local stack's calls webhook master key (local-stack.properties, secret clinicai/calls-webhook). */
    static final String LOCAL_MASTER = "local-calls-signing-key";

    record Received(String path, int answered, String signature, String eventId, String body) {

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static HttpServer server;
    static final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    static final AtomicInteger flakyPosts = new AtomicInteger();

    @BeforeAll
    static void boot() throws IOException {
        CallsWorld.boot();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = path.startsWith("/flaky") && flakyPosts.incrementAndGet() == 1 ? 500 : 200;
            received.add(new Received(path, status, exchange.getRequestHeaders().getFirst("x-clinicai-signature"),
                    exchange.getRequestHeaders().getFirst("x-clinicai-event-id"),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static String hmacHex(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String clinicKey() {
        HttpResponse<String> r = PlatformStackFixture.send("GET", PlatformStackFixture.api()
                + "/reminders/webhook-key?clinic=" + RemindersIT.CLINIC, null, "x-api-key", RemindersIT.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PlatformStackFixture.json(r).path("key").asText();
    }

    /** The signature header checked as a receiver would: HMAC-SHA256(key, t.n.body), t within 5 minutes. */
    static void assertSigned(Received r, String key) {
        String[] parts = r.signature().split(",");
        assertThat(parts).hasSize(3);
        String t = parts[0].substring("t=".length());
        String n = parts[1].substring("n=".length());
        assertThat(parts[2]).isEqualTo("s=" + hmacHex(key, t + "." + n + "." + r.body()));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t))).isLessThan(300);
    }

    static List<Received> of(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Fires the scheduler until {@code path} has had {@code n} POSTs answered 2xx. */
    static List<Received> awaitDelivered(String path, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (of(path).stream().filter(r -> r.answered() / 100 == 2).count() >= n) {
                return of(path);
            }
            RemindersIT.tick();
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        }
        throw new AssertionError(path + " got " + of(path));
    }

    /** The clinic's reminder usage this month (GET /reminders/usage). */
    static JsonNode usage() {
        HttpResponse<String> r = PlatformStackFixture.send("GET", PlatformStackFixture.api()
                + "/reminders/usage?clinic=" + RemindersIT.CLINIC, null, "x-api-key", RemindersIT.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PlatformStackFixture.json(r);
    }

    static long tokens(JsonNode usage) {
        long n = 0;
        for (JsonNode m : usage.path("models")) {
            n += m.path("input_tokens").asLong() + m.path("output_tokens").asLong();
        }
        return n;
    }

    @Test
    void theClinicsKeyIsItsOwnDerivedFromTheMasterKey() {
        assertThat(clinicKey()).isEqualTo(hmacHex(LOCAL_MASTER, "reminders:" + RemindersIT.CLINIC));
        HttpResponse<String> other = PlatformStackFixture.send("GET", PlatformStackFixture.api()
                + "/reminders/webhook-key?clinic=another-clinic", null, "x-api-key", RemindersIT.TOKEN);
        assertThat(other.statusCode()).isEqualTo(401);
    }

    @Test
    void eachEntryOutcomeArrivesOnceSignedWithTheClinicsKey() {
        String key = clinicKey();
        LocalDate day = RemindersIT.day(5);
        long confirm = RemindersIT.book(1002, day, "12:30");
        long gone = 991_000_000L + System.nanoTime() % 1_000_000; // never booked: InfoClinica does not know it
        String p0 = CallsWorld.newPhone();
        String p1 = CallsWorld.newPhone();
        CallsWorld.script(p0, "human", List.of(says("Да, приду."), says("Спасибо, до свидания.")));
        String path = "/ok-" + System.nanoTime();
        HttpResponse<String> posted = RemindersIT.postList(Map.of("clinic", RemindersIT.CLINIC, "day", day.toString(),
                "webhook_url", url(path), "entries", List.of(RemindersIT.entry(confirm, p0, "ru"),
                        RemindersIT.entry(gone, p1, "ru"))), RemindersIT.TOKEN);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = PlatformStackFixture.json(posted).path("reminder_id").asText();

        // The entry that never gets a call: its outcome event goes on the tick that settled it.
        RemindersIT.dispatched(id);
        Received goneEvent = awaitDelivered(path, 1).get(0);
        assertSigned(goneEvent, key);
        JsonNode g = goneEvent.json();
        assertThat(g.path("outcome").asText()).isEqualTo("gone");
        assertThat(g.path("reminder_id").asText()).isEqualTo(id);
        assertThat(g.path("clinic").asText()).isEqualTo(RemindersIT.CLINIC);
        assertThat(g.path("day").asText()).isEqualTo(day.toString());
        assertThat(g.path("entry").asInt()).isEqualTo(1);
        assertThat(g.path("appointment_id").asText()).isEqualTo(Long.toString(gone));
        assertThat(g.path("event_id").asText()).isEqualTo(goneEvent.eventId()).startsWith("evt_");
        assertThat(g.has("call_id")).isFalse();

        if (!RemindersIT.insideCallingHours()) {
            // Outside calling hours the call waits for 09:00: only the gone entry has an outcome (and an event).
            assertThat(RemindersIT.list(id).path("entries").get(0).has("webhook")).isFalse();
            return;
        }
        JsonNode before = usage();
        RemindersIT.awaitOutcome(id, 0, Set.of("confirmed"), true);
        // The call is metered for the clinic: one more call placed, its dial, the model tokens of its turns.
        JsonNode after = usage();
        assertThat(after.path("calls_placed").asLong()).isGreaterThan(before.path("calls_placed").asLong());
        assertThat(after.path("dials").asLong()).isGreaterThan(before.path("dials").asLong());
        assertThat(tokens(after)).isGreaterThan(tokens(before));
        List<Received> all = awaitDelivered(path, 2);
        Received confirmed = all.stream().filter(r -> r.json().path("entry").asInt() == 0).findFirst().orElseThrow();
        assertSigned(confirmed, key);
        assertThat(confirmed.json().path("outcome").asText()).isEqualTo("confirmed");
        assertThat(confirmed.json().path("call_id").asText()).startsWith("call_");
        assertThat(confirmed.eventId()).isNotEqualTo(goneEvent.eventId());

        // More ticks send nothing more: one event per entry.
        RemindersIT.tick();
        RemindersIT.tick();
        assertThat(of(path)).hasSize(2);
        JsonNode list = RemindersIT.list(id);
        assertThat(list.path("webhooks").path("delivered").asInt()).isEqualTo(2);
        assertThat(list.path("entries")).allSatisfy(e -> {
            assertThat(e.path("webhook").path("status").asText()).isEqualTo("delivered");
            assertThat(e.path("webhook").path("attempts").asInt()).isEqualTo(1);
        });
    }

    @Test
    void aReceiverFailingOnceGetsTheSameEventExactlyOnceMore() {
        LocalDate day = RemindersIT.day(6);
        long gone = 992_000_000L + System.nanoTime() % 1_000_000;
        String path = "/flaky";
        HttpResponse<String> posted = RemindersIT.postList(Map.of("clinic", RemindersIT.CLINIC, "day", day.toString(),
                "webhook_url", url(path), "entries", List.of(RemindersIT.entry(gone, CallsWorld.newPhone(), "ru"))),
                RemindersIT.TOKEN);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = PlatformStackFixture.json(posted).path("reminder_id").asText();
        RemindersIT.dispatched(id);
        List<Received> posts = awaitDelivered(path, 1);
        RemindersIT.tick();
        RemindersIT.tick();
        posts = of(path);
        assertThat(posts).extracting(Received::answered).containsExactly(500, 200);
        assertThat(posts.get(1).eventId()).isEqualTo(posts.get(0).eventId());
        assertThat(posts.get(1).body()).as("the same event").isEqualTo(posts.get(0).body());
        JsonNode w = RemindersIT.list(id).path("entries").get(0).path("webhook");
        assertThat(w.path("status").asText()).isEqualTo("delivered");
        assertThat(w.path("attempts").asInt()).isEqualTo(2);
        assertThat(w.has("last_error")).isFalse();
    }

    @Test
    void aBadWebhookUrlIsOneMoreNamedProblemAndNothingIsStored() {
        HttpResponse<String> r = RemindersIT.postList(Map.of("clinic", RemindersIT.CLINIC, "day", "08.12.2026",
                "webhook_url", "https://10.1.2.3/hook", "entries", List.of(Map.of("appointment_id", 1,
                        "phone", "+77015551234"))), RemindersIT.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = PlatformStackFixture.json(r);
        assertThat(body.path("problems").findValuesAsText("code"))
                .containsExactlyInAnyOrder("invalid_day", "invalid_webhook_url");
    }
}
