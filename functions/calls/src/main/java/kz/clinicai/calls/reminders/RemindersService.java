package kz.clinicai.calls.reminders;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.shared.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminder lists as the API serves them: stored whole when posted (nothing is dialled then: {@link ReminderDispatcher}
 * turns queued entries into calls on the scheduler's tick), read back with each entry's state and call.
 */
public final class RemindersService {

    private static final Logger LOG = LoggerFactory.getLogger(RemindersService.class);
    private final ReminderStore store;
    private final CallRepository calls;
    private final Clock clock;

    public RemindersService(ReminderStore store, CallRepository calls, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.clock = clock;
    }

    /** Stores a validated list of an admitted clinic; every entry is queued. */
    public ReminderList create(ReminderListRequest request) {
        String id = "rem_" + UUID.randomUUID().toString().replace("-", "");
        ReminderList list = new ReminderList(id, request.clinic(), request.day(), kz.clinicai.calls.call.Timestamps.format(clock.instant()),
                request.entries().size(), request.webhookUrl());
        store.create(list, request.entries());
        LOG.info("Reminder list {} of {} for {}: {} entries queued", id, list.clinic(), list.day(), list.total());
        return list;
    }

    /** The clinic a list belongs to, when the list exists. */
    public Optional<String> clinicOf(String id) {
        return id.startsWith("rem_") && id.length() <= 64 ? store.find(id).map(ReminderList::clinic) : Optional.empty();
    }

    /** The list with each entry's state joined with its call; 404 when absent or another clinic's. */
    public Map<String, Object> view(String id, String clinic) {
        ReminderList list = store.find(id).filter(l -> l.clinic().equals(clinic))
                .orElseThrow(() -> ApiException.notFound("reminder_list_not_found", "No reminder list " + id));
        List<StoredEntry> entries = store.entries(id);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> webhooks = new LinkedHashMap<>();
        List<Map<String, Object>> views = entries.stream().map(e -> {
            Map<String, Object> v = ReminderViews.entry(e, Optional.ofNullable(e.callId()).flatMap(calls::find));
            counts.merge((String) v.get("outcome"), 1, Integer::sum);
            if (e.webhook() != null) {
                webhooks.merge(e.webhook().status().wire(), 1, Integer::sum);
            }
            return v;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reminder_id", list.id());
        body.put("clinic", list.clinic());
        body.put("day", list.day().toString());
        body.put("created_at", list.createdAt());
        body.put("total", list.total());
        body.put("counts", counts);
        if (list.webhookUrl() != null) {
            body.put("webhook_url", list.webhookUrl());
            body.put("webhooks", webhooks);
        }
        body.put("entries", views);
        return body;
    }

    /**
     * A clinic's lists of a day with each one's {@code counts} (as {@link #view} counts them); only the entries whose
     * call has not reported yet have their call read (a few at a time: the per-clinic cap), not every entry's.
     */
    public Map<String, Object> day(String clinic, LocalDate day) {
        List<Map<String, Object>> lists = store.ofDay(clinic, day).stream().map(list -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (StoredEntry e : store.entries(list.id())) {
                Optional<kz.clinicai.calls.call.Call> call = ReminderViews.needsCall(e) ? calls.find(e.callId())
                        : Optional.empty();
                counts.merge(ReminderViews.outcome(e, call), 1, Integer::sum);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reminder_id", list.id());
            m.put("created_at", list.createdAt());
            m.put("total", list.total());
            m.put("counts", counts);
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clinic", clinic);
        body.put("day", day.toString());
        body.put("count", lists.size());
        body.put("lists", lists);
        return body;
    }
}
