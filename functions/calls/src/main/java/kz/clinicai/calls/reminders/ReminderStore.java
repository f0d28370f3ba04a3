package kz.clinicai.calls.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reminder lists and their entries (template: RemindersTable). */
public interface ReminderStore {

    /**
     * Stores the list and all its entries as {@code QUEUED}. The entries are written first and the list's head last:
     * a list is visible (and its entries picked up) only once whole, so a failure half-way dials nobody.
     */
    void create(ReminderList list, List<ReminderEntry> entries);

    Optional<ReminderList> find(String id);

    /** The list's entries in their order. */
    List<StoredEntry> entries(String id);

    /** Queued entries of visible lists, oldest list first, at most {@code limit}. */
    List<StoredEntry> queued(int limit);

    /**
     * Moves one entry from {@code QUEUED} to {@code next}; false when it was not queued (another tick took it). A
     * final {@code next} ({@link ReminderState#isFinal()}) of a list with a webhook gets a new outcome event, pending
     * and due now, in the same write (nothing is lost between the outcome and its event).
     */
    boolean settle(String listId, int index, ReminderState next, String callId, AppointmentFacts facts, String note);

    /**
     * Records the outcome the entry's call reached (the last one wins: a retried call reports again). On a list with
     * a webhook the same write gives the entry a new outcome event, pending and due now.
     */
    void outcome(String listId, int index, String outcome, String movedTo, String note);

    /**
     * The visible lists of a clinic for a day, oldest first (the console's day page). Read from what was written with
     * each list's head (no scan): a list whose head was never written is not there.
     */
    List<ReminderList> ofDay(String clinic, LocalDate day);

    /** Entries of this clinic in {@code CALLING} (for the per-clinic cap). */
    List<StoredEntry> calling(String clinic);

    /** Entries whose outcome event is pending and due at {@code now}, the longest due first, at most {@code limit}. */
    List<StoredEntry> webhooksDue(Instant now, int limit);

    /**
     * Takes the entry's pending event {@code eventId} for one delivery round: its next round moves to {@code until}
     * (a lease: a round that dies half-way is taken again then). False when it is not due at {@code now}, another
     * round took it, or a newer event replaced it.
     */
    boolean claimWebhook(String listId, int index, String eventId, Instant now, Instant until);

    /**
     * Records where the event {@code result.eventId()} stands after a round (pending with its next round,
     * delivered, or failed); nothing happens when a newer event replaced it.
     */
    void webhookResult(String listId, int index, WebhookDelivery result);

    /**
     * The clinic's reminder-call slots (the per-clinic cap): each holder's call id with the moment it took its slot,
     * read consistently.
     */
    Map<String, Instant> slots(String clinic);

    /**
     * Takes one of the clinic's {@code cap} slots for {@code callId} in one conditional write: false (nothing written)
     * when {@code cap} calls hold one already, so two dispatchers at the cap can never both pass. A call that holds a
     * slot already keeps it (true).
     */
    boolean takeSlot(String clinic, String callId, int cap, Instant at);

    /** Gives the call's slot back; no effect when it holds none (idempotent). */
    void releaseSlot(String clinic, String callId);
}
