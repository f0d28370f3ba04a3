package kz.clinicai.calls.webhook;

import java.util.List;
import java.util.Optional;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.calls.dialogue.Reply;

/**
 * Tools a call runs in its turns beyond the dialogue model's own (a reminder call's InfoClinica tools). Empty: not a
 * call these tools serve, the dialogue model answers.
 */
@FunctionalInterface
public interface TurnTools {

    /** Role of the turns that carry the tools' dialogue state; never shown to the dialogue model. */
    String STATE_ROLE = "tools";

    Optional<Answer> answer(Call call, String heard);

    static TurnTools none() {
        return (call, heard) -> Optional.empty();
    }

    /**
     * @param reply null when the tools decided nothing (the dialogue model answers, with transfer / end)
     * @param state turns of role {@link #STATE_ROLE} to store after the callee's words
     */
    record Answer(Reply reply, List<Turn> state) {
        public Answer {
            state = List.copyOf(state);
        }
    }
}
