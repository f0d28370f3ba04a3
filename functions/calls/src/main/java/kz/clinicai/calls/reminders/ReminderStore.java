package kz.clinicai.calls.reminders;

import java.time.Instant;
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

    /** Moves one entry from {@code QUEUED} to {@code next}; false when it was not queued (another tick took it). */
    boolean settle(String listId, int index, ReminderState next, String callId, AppointmentFacts facts, String note);

    /** Records the outcome the entry's call reached (the last one wins: a retried call reports again). */
    void outcome(String listId, int index, String outcome, String movedTo, String note);

    /** Entries of this clinic in {@code CALLING} (for the per-clinic cap). */
    List<StoredEntry> calling(String clinic);

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
