package kz.clinicai.calls.reminders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.calls.call.Call;

/** The JSON of one entry in {@code GET /reminders/{id}}. */
final class ReminderViews {

    private ReminderViews() {
    }

    /** Whether the entry's {@link #outcome} may depend on its call: it has one and no outcome was recorded yet. */
    static boolean needsCall(StoredEntry e) {
        return e.outcome() == null && e.callId() != null;
    }

    /** The entry's outcome as {@link #entry} shows it (and the lists' {@code counts} count it). */
    static String outcome(StoredEntry e, Optional<Call> call) {
        // A call failed by the scheduler as lost never reached the webhook that records outcomes: its status says it.
        boolean lost = e.outcome() == null && call.map(c -> c.status() == kz.clinicai.calls.call.CallStatus.FAILED)
                .orElse(false);
        return e.outcome() != null ? e.outcome() : lost ? "failed" : e.state().wire();
    }

    /**
     * {@code outcome} is the call's final outcome once it has one; before that what the entry is doing: {@code
     * queued}, {@code calling} (with the call's status), or why no call was placed ({@code gone}, {@code not_on_day},
     * {@code do_not_call}, {@code infoclinica_refused} with InfoClinica's text).
     */
    static Map<String, Object> entry(StoredEntry e, Optional<Call> call) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index", e.entry().index());
        v.put("appointment_id", e.entry().appointmentId());
        v.put("phone", e.entry().phone());
        v.put("language", e.entry().language());
        v.put("state", e.state().wire());
        v.put("outcome", outcome(e, call));
        if (e.movedTo() != null) {
            v.put("moved_to", e.movedTo());
        }
        String note = e.outcomeNote() != null ? e.outcomeNote() : e.note();
        if (note != null) {
            v.put("note", note);
        }
        if (e.facts() != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("date", e.facts().date().toString());
            a.put("time", e.facts().time().toString());
            a.put("doctor", e.facts().doctor());
            a.put("branch", e.facts().branch());
            v.put("appointment", a);
        }
        if (e.webhook() != null) {
            // The outcome event on its way to the list's webhook_url.
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("event_id", e.webhook().eventId());
            w.put("status", e.webhook().status().wire());
            w.put("attempts", e.webhook().attempts());
            if (e.webhook().lastError() != null) {
                w.put("last_error", e.webhook().lastError());
            }
            if (e.webhook().status() == WebhookDelivery.Status.PENDING && e.webhook().nextAt() != null) {
                w.put("next_attempt_at", e.webhook().nextAt().toString());
            }
            v.put("webhook", w);
        }
        call.ifPresent(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("call_id", c.id());
            m.put("status", c.status().wire());
            m.put("attempts", c.attempts());
            if (c.nextAttemptAt() != null) {
                m.put("next_attempt_at", c.nextAttemptAt());
            }
            v.put("call", m);
        });
        return v;
    }
}
