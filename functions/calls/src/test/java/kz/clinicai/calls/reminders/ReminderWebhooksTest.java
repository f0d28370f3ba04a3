package kz.clinicai.calls.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.retry.Backoff;
import kz.clinicai.shared.time.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outcome events: signed per clinic, sent by a round, re-sent by later rounds, given up, never sent twice at once. */
class ReminderWebhooksTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 8);

    record Received(String signature, String eventId, String body) {
    }

    final MovableClock clock = MovableClock.at("2026-12-07T07:00:00Z");
    final InMemoryReminderStore store = new InMemoryReminderStore(clock);
    final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A receiver on loopback answering each POST with the status {@code answers} gives. */
    String receiver(IntSupplier answers, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestHeaders().getFirst(ReminderWebhooks.EVENT_ID_HEADER),
                    new String(body, StandardCharsets.UTF_8)));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(answers.getAsInt(), -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    static ReminderWebhooks.Settings settings(int maxRounds) {
        return settings(maxRounds, Duration.ofSeconds(5));
    }

    /** {@code timeout}: well above a loaded machine's loopback answer, except where a timeout is the point. */
    static ReminderWebhooks.Settings settings(int maxRounds, Duration timeout) {
        return new ReminderWebhooks.Settings(timeout, 3,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)),
                new Backoff(Duration.ofMinutes(1), Duration.ofHours(4)), maxRounds, Duration.ofHours(24),
                Duration.ofMinutes(2));
    }

    final WebhookKeys keys = new WebhookKeys(() -> "master-key");

    ReminderWebhooks webhooks(int maxRounds) {
        return new ReminderWebhooks(store, keys::reminderKey, settings(maxRounds), clock);
    }

    /** A list of the clinic with two entries: 0 reaches "confirmed" after a call, 1 is gone before any call. */
    ReminderList list(String clinic, String url) {
        ReminderList list = new ReminderList("rem_" + clinic, clinic, DAY, clock.instant().toString(), 2, url);
        store.create(list, List.of(new ReminderEntry(0, "5000", "+77015550000", "KZ", "ru", null),
                new ReminderEntry(1, "5001", "+77015550001", "KZ", "kk", null)));
        store.settle(list.id(), 0, ReminderState.CALLING, "call_0",
                new AppointmentFacts("5000", DAY, LocalTime.of(10, 30), "Иванова", "Филиал"), null);
        store.outcome(list.id(), 0, "moved", "2026-12-11 14:00", null);
        store.settle(list.id(), 1, ReminderState.GONE, null, null, null);
        return list;
    }

    static String hmacHex(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSignatureIsHmacSha256OfTimeNonceAndBodyWithTheClinicsOwnKey() throws Exception {
        // Fixed key and body against javax.crypto computed here, not through the code under test.
        String body = "{\"outcome\":\"confirmed\",\"note\":\"Қаңтар ✓\"}";
        assertThat(WebhookSignature.sign("k3y", 1796000000L, "abcdef0123456789", body)).isEqualTo(
                "t=1796000000,n=abcdef0123456789,s=" + hmacHex("k3y", "1796000000.abcdef0123456789." + body));
        assertThat(keys.reminderKey("clinic-a")).isEqualTo(hmacHex("master-key", "reminders:clinic-a"))
                .isNotEqualTo(keys.reminderKey("clinic-b"))
                .isNotEqualTo(keys.scenarioKey());
    }

    @Test
    void eachFinalOutcomeIsPostedOnceSignedWithItsEventId() throws Exception {
        ReminderList list = list("clinic-a", receiver(() -> 204, Duration.ZERO));
        assertThat(webhooks(12).deliverDue(10, clock.instant().plusSeconds(60))).isEqualTo(2);
        assertThat(webhooks(12).deliverDue(10, clock.instant().plusSeconds(60))).as("nothing left").isZero();

        assertThat(received).hasSize(2);
        String key = keys.reminderKey("clinic-a");
        for (Received r : received) {
            String[] parts = r.signature().split(",");
            String t = parts[0].substring(2);
            String n = parts[1].substring(2);
            assertThat(parts[2]).isEqualTo("s=" + hmacHex(key, t + "." + n + "." + r.body()));
            assertThat(Long.parseLong(t)).isEqualTo(clock.instant().getEpochSecond());
            assertThat(Json.mapper().readTree(r.body()).path("event_id").asText()).isEqualTo(r.eventId());
        }
        JsonNode moved = body(0);
        assertThat(moved.path("reminder_id").asText()).isEqualTo(list.id());
        assertThat(moved.path("clinic").asText()).isEqualTo("clinic-a");
        assertThat(moved.path("day").asText()).isEqualTo("2026-12-08");
        assertThat(moved.path("appointment_id").asText()).isEqualTo("5000");
        assertThat(moved.path("outcome").asText()).isEqualTo("moved");
        assertThat(moved.path("moved_to").asText()).isEqualTo("2026-12-11 14:00");
        assertThat(moved.path("call_id").asText()).isEqualTo("call_0");
        assertThat(moved.path("at").asText()).isEqualTo(clock.instant().toString());
        JsonNode gone = body(1);
        assertThat(gone.path("outcome").asText()).as("reached without a call").isEqualTo("gone");
        assertThat(gone.has("call_id")).isFalse();

        assertThat(store.entries(list.id())).extracting(e -> e.webhook().status())
                .containsOnly(WebhookDelivery.Status.DELIVERED);
        assertThat(store.entries(list.id())).extracting(e -> e.webhook().attempts()).containsOnly(1);
    }

    JsonNode body(int entry) throws Exception {
        for (Received r : received) {
            JsonNode b = Json.mapper().readTree(r.body());
            if (b.path("entry").asInt() == entry) {
                return b;
            }
        }
        throw new AssertionError("no event of entry " + entry);
    }

    @Test
    void aListWithoutWebhookHasNoEvents() {
        ReminderList list = list("clinic-b", null);
        assertThat(store.entries(list.id())).extracting(StoredEntry::webhook).containsOnlyNulls();
        assertThat(store.webhooksDue(clock.instant(), 10)).isEmpty();
    }

    @Test
    void aReceiverFailingOnceGetsTheSameEventOnceMore() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        ReminderList list = list("clinic-a", receiver(() -> posts.incrementAndGet() == 1 ? 503 : 200, Duration.ZERO));
        webhooks(12).deliverDue(10, clock.instant().plusSeconds(60));
        assertThat(received).hasSize(3);
        assertThat(received.stream().map(Received::eventId).distinct()).hasSize(2);
        assertThat(store.entries(list.id())).extracting(e -> e.webhook().status())
                .containsOnly(WebhookDelivery.Status.DELIVERED);
        assertThat(store.entries(list.id())).extracting(e -> e.webhook().attempts())
                .containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aRefusalIsFinalAndNotRetried() throws Exception {
        ReminderList list = list("clinic-a", receiver(() -> 400, Duration.ZERO));
        webhooks(12).deliverDue(10, clock.instant().plusSeconds(60));
        assertThat(received).hasSize(2);
        StoredEntry e = store.entries(list.id()).get(0);
        assertThat(e.webhook().status()).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(e.webhook().attempts()).isEqualTo(1);
        assertThat(e.webhook().lastError()).isEqualTo("HTTP 400");
        clock.set(clock.instant().plus(Duration.ofHours(1)));
        assertThat(store.webhooksDue(clock.instant(), 10)).isEmpty();
    }

    /** A list of one entry, gone before any call, with this webhook. */
    ReminderList single(String clinic, String url) {
        ReminderList list = new ReminderList("rem_1" + clinic, clinic, DAY, clock.instant().toString(), 1, url);
        store.create(list, List.of(new ReminderEntry(0, "5002", "+77015550002", "KZ", "ru", null)));
        store.settle(list.id(), 0, ReminderState.GONE, null, null, null);
        return list;
    }

    @Test
    void aFailingReceiverIsRetriedInLaterRoundsThenGivenUpAndShown() throws Exception {
        ReminderList list = single("clinic-a", receiver(() -> 500, Duration.ZERO));
        ReminderWebhooks webhooks = webhooks(3);
        webhooks.deliverDue(10, clock.instant().plusSeconds(60));
        StoredEntry e = store.entries(list.id()).get(0);
        assertThat(e.webhook().status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(e.webhook().attempts()).as("three POSTs in the round").isEqualTo(3);
        assertThat(e.webhook().lastError()).isEqualTo("HTTP 500");
        // Round 2 after 1 minute with equal jitter: between 30 s and 60 s.
        assertThat(Duration.between(clock.instant(), e.webhook().nextAt())).isBetween(Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        assertThat(webhooks.deliverDue(10, clock.instant().plusSeconds(60))).as("not due yet").isZero();
        assertThat(received).hasSize(3);

        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        webhooks.deliverDue(10, clock.instant().plusSeconds(60));
        assertThat(received).hasSize(6);
        clock.set(clock.instant().plus(Duration.ofMinutes(2)));
        webhooks.deliverDue(10, clock.instant().plusSeconds(60));
        e = store.entries(list.id()).get(0);
        assertThat(e.webhook().status()).as("third round was the last").isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(e.webhook().attempts()).isEqualTo(9);
        assertThat(e.webhook().lastError()).isEqualTo("HTTP 500");

        clock.set(clock.instant().plus(Duration.ofHours(5)));
        webhooks.deliverDue(10, clock.instant().plusSeconds(60));
        assertThat(received).as("given up: nothing more").hasSize(9);
        assertThat(received.stream().map(Received::eventId).distinct())
                .as("every re-send carries the same event id").hasSize(1);
    }

    @Test
    void noRoundStartsAfter24HoursSinceTheOutcome() throws Exception {
        ReminderList list = single("clinic-a", receiver(() -> 503, Duration.ZERO));
        ReminderWebhooks webhooks = webhooks(100);
        for (int i = 0; i < 40 && store.entries(list.id()).get(0).webhook().status()
                == WebhookDelivery.Status.PENDING; i++) {
            clock.set(store.entries(list.id()).get(0).webhook().nextAt());
            webhooks.deliverDue(10, clock.instant().plusSeconds(60));
        }
        WebhookDelivery w = store.entries(list.id()).get(0).webhook();
        assertThat(w.status()).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(clock.instant()).isBefore(w.at().plus(Duration.ofHours(24)));
        // Delays 1, 2, 4 … 128 min then 4 h each (12 rounds fit in 24 h); equal jitter halves them at worst (18).
        assertThat(w.rounds()).isBetween(12, 18);
    }

    @Test
    void aReceiverThatJustFailedHasItsOtherEventsWaitARound() throws Exception {
        ReminderList list = list("clinic-a", receiver(() -> 502, Duration.ZERO));
        webhooks(12).deliverDue(10, clock.instant().plusSeconds(60));
        assertThat(received).as("one event probed the receiver").hasSize(3);
        List<StoredEntry> entries = store.entries(list.id());
        assertThat(entries).extracting(e -> e.webhook().attempts()).containsExactlyInAnyOrder(3, 0);
        StoredEntry waiting = entries.stream().filter(e -> e.webhook().attempts() == 0).findFirst().orElseThrow();
        assertThat(waiting.webhook().status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(waiting.webhook().rounds()).isZero();
        assertThat(waiting.webhook().nextAt()).isAfter(clock.instant());
        assertThat(waiting.webhook().lastError()).startsWith("deferred");
    }

    @Test
    void timeoutsAndRefusedConnectionsAreRetried() throws Exception {
        ReminderList slow = list("clinic-a", receiver(() -> 200, Duration.ofSeconds(3)));
        new ReminderWebhooks(store, keys::reminderKey, settings(12, Duration.ofMillis(300)), clock)
                .deliverDue(1, clock.instant().plusSeconds(60));
        StoredEntry e = store.entries(slow.id()).stream().filter(x -> x.webhook().attempts() > 0).findFirst()
                .orElseThrow();
        assertThat(e.webhook().status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(e.webhook().attempts()).isEqualTo(3);
        assertThat(e.webhook().lastError()).startsWith("timeout");

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ReminderList dead = list("clinic-c", "http://127.0.0.1:" + closed + "/hook");
        ReminderWebhooks webhooks = webhooks(12);
        webhooks.round(dead, store.entries(dead.id()).get(1));
        StoredEntry d = store.entries(dead.id()).get(1);
        assertThat(d.webhook().status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(d.webhook().lastError()).startsWith("unreachable");
    }

    @Test
    void aClaimedRoundKeepsOthersOffUntilItsLeaseEnds() throws Exception {
        ReminderList list = list("clinic-a", "https://hooks.example.com/x");
        StoredEntry e = store.entries(list.id()).get(1);
        String event = e.webhook().eventId();
        assertThat(store.claimWebhook(list.id(), 1, event, clock.instant(), clock.instant().plusSeconds(120))).isTrue();
        assertThat(store.claimWebhook(list.id(), 1, event, clock.instant(), clock.instant().plusSeconds(120))).isFalse();
        assertThat(store.webhooksDue(clock.instant(), 10)).extracting(x -> x.entry().index()).containsExactly(0);
        assertThat(store.claimWebhook(list.id(), 1, event, clock.instant().plusSeconds(121), clock.instant().plusSeconds(240)))
                .as("a round that died is taken again").isTrue();
    }
}
