package kz.clinicai.shared.booking;

import java.util.ArrayList;
import java.util.List;
import kz.clinicai.shared.infoclinica.Slot;

/**
 * The memory of the dialogue about one appointment.
 *
 * @param currentSchedId the appointment's SCHEDID after a move (InfoClinica may issue a new one); null = unchanged
 * @param offered        the times offered in the last answer, in the order spoken ("во второе" = index 1)
 * @param version        0 for a session not yet stored; bumped by every save (optimistic locking)
 */
public record VoicebotSession(String clinic, long appointmentId, Long currentSchedId, List<DialogueItem> history,
                              List<Slot> offered, long version) {
    /** Older turns are dropped beyond this many items so the item stays far below DynamoDB's 400 KB. */
    public static final int MAX_HISTORY_ITEMS = 60;

    public VoicebotSession {
        history = List.copyOf(history);
        offered = List.copyOf(offered);
    }

    public static VoicebotSession start(String clinic, long appointmentId) {
        return new VoicebotSession(clinic, appointmentId, null, List.of(), List.of(), 0);
    }

    public long schedId() {
        return currentSchedId != null ? currentSchedId : appointmentId;
    }

    /** The next state: history extended (oldest dropped first, never splitting a call from its output). */
    public VoicebotSession next(List<DialogueItem> newItems, List<Slot> newOffered, Long newSchedId) {
        List<DialogueItem> all = new ArrayList<>(history);
        all.addAll(newItems);
        int from = Math.max(0, all.size() - MAX_HISTORY_ITEMS);
        while (from < all.size() && all.get(from).kind() != DialogueItem.Kind.USER) {
            from++;
        }
        return new VoicebotSession(clinic, appointmentId, newSchedId, all.subList(from, all.size()), newOffered,
                version);
    }
}
