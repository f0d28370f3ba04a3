package kz.clinicai.calls.webhook;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.calls.dialogue.Reply;

/**
 * Tools a call runs beyond the dialogue model's own (a reminder call's InfoClinica tools): in asr/record turns
 * ({@link #answer}) and, in realtime mode, as function tools of the Realtime session ({@link #realtime}, run by
 * {@link #tool} when the scenario posts a {@code Tool} event). Empty: not a call these tools serve.
 */
@FunctionalInterface
public interface TurnTools {

    /** Role of the turns that carry the tools' dialogue state; never shown to the dialogue model. */
    String STATE_ROLE = "tools";

    Optional<Answer> answer(Call call, String heard);

    /**
     * A realtime call's session: its instructions and function tools (Realtime shape: {@code type, name,
     * description, parameters}) beside transfer and end, which the webhook adds itself. Empty: the call's usual ones.
     */
    default Optional<Realtime> realtime(Call call) {
        return Optional.empty();
    }

    /**
     * Runs a realtime tool call. Empty: not one of these tools (transfer / end are the webhook's).
     *
     * @param toolCallId the Realtime function call's {@code call_id}: a retried Tool event carries the same one
     */
    default Optional<ToolAnswer> tool(Call call, String toolCallId, String name, String arguments) {
        return Optional.empty();
    }

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

    /** @param tools each a Realtime function tool as JSON */
    record Realtime(String instructions, List<Map<String, Object>> tools) {
        public Realtime {
            tools = List.copyOf(tools);
        }
    }

    /**
     * @param reply  continue: the model goes on with {@code output}; hangup / transfer: the scenario says
     *               {@code reply.text()} itself and acts
     * @param output the function_call_output the Realtime model reads: what happened, plainly
     * @param state  turns of role {@link #STATE_ROLE} to store
     * @param repeated a retried Tool event answered as the first time: nothing is stored again
     */
    record ToolAnswer(Reply reply, String output, List<Turn> state, boolean repeated) {
        public ToolAnswer {
            state = List.copyOf(state);
        }
    }
}
