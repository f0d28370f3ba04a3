package kz.clinicai.calls.webhook;

import kz.clinicai.calls.call.Call;

/**
 * Decided when the scenario asks for the call's configuration, before anyone is dialled: whether the call is placed
 * and what it opens with. Reminders read their appointment again here (it may have been cancelled or moved since
 * the call was queued).
 */
@FunctionalInterface
public interface CallOpening {

    /** Place the call with {@code greeting} (null: the call's own); or not at all, for {@code reason}. */
    record Opening(boolean place, String greeting, String reason) {

        public static Opening asStored() {
            return new Opening(true, null, null);
        }

        public static Opening withGreeting(String greeting) {
            return new Opening(true, greeting, null);
        }

        public static Opening notPlaced(String reason) {
            return new Opening(false, null, reason);
        }
    }

    Opening open(Call call);
}
