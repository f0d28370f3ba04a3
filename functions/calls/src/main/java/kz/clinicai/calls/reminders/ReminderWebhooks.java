package kz.clinicai.calls.reminders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each entry's outcome event to its list's {@code webhook_url} (CallsSchedulerFunction, every tick): the entry's
 * final outcome as JSON, signed like the calls result webhook ({@code x-clinicai-signature: t=…,n=…,s=hex
 * HMAC-SHA256(key, t.n.body)}) but with the clinic's own key, and with {@code x-clinicai-event-id}, the same on every
 * re-send, so the receiver can drop a repeat.
 *
 * <p>The event was written with the outcome itself (pending, due now), so nothing is lost when a function dies. A
 * round claims the event first (a conditional write: two ticks never send the same round), then POSTs it: up to
 * {@link Settings#triesPerRound()} times with the shared jittered backoff for 5xx, 408, 429, timeouts and refused
 * connections. Delivered: done. Another 4xx or a redirect: failed at once (the receiver said no; a re-send would be
 * refused alike). Still failing: pending again, the next round {@link Settings#rounds()}'s delay later, until
 * {@link Settings#maxRounds()} rounds or {@link Settings#giveUpAfter()} since the outcome — then failed, which
 * {@code GET /reminders/{id}} shows with the last error.
 */
public final class ReminderWebhooks {

    public static final String EVENT_ID_HEADER = "x-clinicai-event-id";
    private static final Logger LOG = LoggerFactory.getLogger(ReminderWebhooks.class);

    /**
     * @param timeout       per POST (connect and answer)
     * @param triesPerRound POSTs in one round (retryable failures only)
     * @param inRound       the wait between them
     * @param rounds        the wait before the next round (1 = after the first round)
     * @param maxRounds     rounds before giving up
     * @param giveUpAfter   time since the outcome after which no round is started
     * @param lease         how long a claimed round keeps others off (above triesPerRound × timeout)
     */
    public record Settings(Duration timeout, int triesPerRound, Backoff inRound, Backoff rounds, int maxRounds,
                           Duration giveUpAfter, Duration lease) {

        /** 5 s per POST, 3 per round (0.5–1 s apart); rounds 1 min·2ⁿ up to 4 h, 12 of them, within 24 h. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), 3, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(1)),
                    new Backoff(Duration.ofMinutes(1), Duration.ofHours(4)), 12, Duration.ofHours(24),
                    Duration.ofMinutes(2));
        }
    }

    private final ReminderStore store;
    private final Function<String, String> clinicKey;
    private final HttpClient http;
    private final Settings settings;
    private final Clock clock;

    public ReminderWebhooks(ReminderStore store, Function<String, String> clinicKey, Settings settings, Clock clock) {
        this.store = store;
        this.clinicKey = clinicKey;
        this.settings = settings;
        this.clock = clock;
        // Redirects are not followed: the signed body goes only where the clinic said.
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends what is due, at most {@code limit} events, starting none after {@code stopAt}; returns how many went. */
    public int deliverDue(int limit, Instant stopAt) {
        Map<String, Optional<ReminderList>> lists = new HashMap<>();
        // Receivers that failed a round in this tick: their other events wait a round instead of each spending up to
        // three timeouts now, so one dead receiver cannot hold back every other clinic's events.
        java.util.Set<String> failing = new java.util.HashSet<>();
        int delivered = 0;
        for (StoredEntry e : store.webhooksDue(clock.instant(), limit)) {
            if (clock.instant().isAfter(stopAt)) {
                break; // the rest stays due for the next tick
            }
            Optional<ReminderList> list = lists.computeIfAbsent(e.listId(), store::find);
            if (list.isEmpty() || list.get().webhookUrl() == null) {
                continue;
            }
            String receiver = list.get().webhookUrl();
            if (failing.contains(receiver)) {
                defer(list.get(), e);
                continue;
            }
            WebhookDelivery.Status status = round(list.get(), e);
            if (status == WebhookDelivery.Status.DELIVERED) {
                delivered++;
            } else if (status == WebhookDelivery.Status.PENDING) {
                failing.add(receiver); // retryable failure (5xx, timeout, no connection); a refusal is per event
            }
        }
        return delivered;
    }

    /** Moves a due event to the next tick's round without a POST (its receiver just failed another event). */
    private void defer(ReminderList list, StoredEntry e) {
        WebhookDelivery w = e.webhook();
        Instant now = clock.instant();
        Instant next = now.plus(settings.rounds().delay(1));
        if (store.claimWebhook(list.id(), e.entry().index(), w.eventId(), now, next)) {
            store.webhookResult(list.id(), e.entry().index(), new WebhookDelivery(w.eventId(),
                    WebhookDelivery.Status.PENDING, w.at(), w.attempts(), w.rounds(),
                    w.lastError() != null ? w.lastError() : "deferred: the receiver failed another event", next));
        }
    }

    /** One claimed round for the entry's pending event; its status afterwards, null when it was not claimed. */
    WebhookDelivery.Status round(ReminderList list, StoredEntry e) {
        WebhookDelivery w = e.webhook();
        Instant now = clock.instant();
        if (!store.claimWebhook(list.id(), e.entry().index(), w.eventId(), now, now.plus(settings.lease()))) {
            return null; // another round has it, or a newer event replaced it
        }
        String body = Json.write(body(list, e));
        String key = clinicKey.apply(list.clinic());
        int attempts = w.attempts();
        String error = null;
        WebhookDelivery.Status status = WebhookDelivery.Status.PENDING;
        for (int i = 0; i < settings.triesPerRound(); i++) {
            if (i > 0 && !settings.inRound().sleepBefore(i)) {
                break;
            }
            attempts++;
            Attempt a = post(URI.create(list.webhookUrl()), key, w.eventId(), body);
            error = a.error();
            if (a.delivered()) {
                status = WebhookDelivery.Status.DELIVERED;
                error = null;
                break;
            }
            if (!a.retryable()) {
                status = WebhookDelivery.Status.FAILED;
                break;
            }
        }
        int rounds = w.rounds() + 1;
        Instant next = null;
        if (status == WebhookDelivery.Status.PENDING) {
            next = clock.instant().plus(settings.rounds().delay(rounds));
            if (rounds >= settings.maxRounds() || next.isAfter(w.at().plus(settings.giveUpAfter()))) {
                status = WebhookDelivery.Status.FAILED;
                next = null;
            }
        }
        store.webhookResult(list.id(), e.entry().index(),
                new WebhookDelivery(w.eventId(), status, w.at(), attempts, rounds, error, next));
        if (status == WebhookDelivery.Status.FAILED) {
            LOG.warn("Reminder {}#{}: webhook event {} given up after {} attempt(s): {}", list.id(),
                    e.entry().index(), w.eventId(), attempts, error);
        } else if (status == WebhookDelivery.Status.PENDING) {
            LOG.info("Reminder {}#{}: webhook event {} not delivered ({}); next round at {}", list.id(),
                    e.entry().index(), w.eventId(), error, next);
        }
        return status;
    }

    /** What a POST came to: delivered; or an error, retryable or not. */
    record Attempt(boolean delivered, boolean retryable, String error) {
    }

    Attempt post(URI url, String key, String eventId, String body) {
        // A fresh timestamp and nonce per POST: a receiver that checks the window and drops seen nonces takes a
        // re-send hours later; the event id, not the nonce, tells it that it has seen the event.
        String signature = WebhookSignature.sign(key, clock.instant().getEpochSecond(),
                UUID.randomUUID().toString().replace("-", ""), body);
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(settings.timeout())
                            .header("content-type", "application/json")
                            .header(WebhookSignature.HEADER, signature)
                            .header(EVENT_ID_HEADER, eventId)
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            int code = r.statusCode();
            if (code / 100 == 2) {
                return new Attempt(true, false, null);
            }
            boolean retryable = code >= 500 || code == 408 || code == 429;
            return new Attempt(false, retryable, "HTTP " + code);
        } catch (HttpTimeoutException e) {
            return new Attempt(false, true, "timeout after " + settings.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return new Attempt(false, true, "unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, true, "interrupted");
        }
    }

    /**
     * {@code {event_id, reminder_id, clinic, day, entry, appointment_id, outcome, moved_to?, note?, appointment?,
     * call_id?, at}}: the entry's outcome as it stands (the same fields {@code GET /reminders/{id}} shows).
     */
    static Map<String, Object> body(ReminderList list, StoredEntry e) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("event_id", e.webhook().eventId());
        b.put("reminder_id", list.id());
        b.put("clinic", list.clinic());
        b.put("day", list.day().toString());
        b.put("entry", e.entry().index());
        b.put("appointment_id", e.entry().appointmentId());
        b.put("outcome", e.finalOutcome());
        if (e.movedTo() != null) {
            b.put("moved_to", e.movedTo());
        }
        String note = e.outcomeNote() != null ? e.outcomeNote() : e.note();
        if (note != null) {
            b.put("note", note);
        }
        if (e.facts() != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("date", e.facts().date().toString());
            a.put("time", e.facts().time().toString());
            b.put("appointment", a);
        }
        if (e.callId() != null) {
            b.put("call_id", e.callId());
        }
        b.put("at", e.webhook().at().toString());
        return b;
    }
}
