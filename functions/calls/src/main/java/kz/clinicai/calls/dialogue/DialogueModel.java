package kz.clinicai.calls.dialogue;

import java.util.List;
import kz.clinicai.calls.call.Turn;

/** The LLM behind a call; every model call is metered (usage by call id). */
public interface DialogueModel {

    /**
     * The next thing to say given the whole dialogue so far (greeting included), with the tools
     * {@code transfer_to_operator} and {@code end_call}.
     *
     * @throws ModelUnavailableException when the model cannot answer now
     */
    Reply reply(String callId, String instructions, List<Turn> history);

    /** After the call: summary and outcome as a JSON object matching the configured schema. */
    String outcome(String callId, String instructions, List<Turn> history);

    /** Text of a recorded turn (record mode); empty text when nothing was said. */
    String transcribe(String callId, byte[] audio, String filename, String language);
}
