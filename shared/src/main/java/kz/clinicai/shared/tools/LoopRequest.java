package kz.clinicai.shared.tools;

import java.util.List;
import kz.clinicai.shared.booking.DialogueItem;

/**
 * One patient utterance with what the model needs around it. temperature/topP null = model default; clinic is the
 * clinic's slug, the scope its model usage is metered under.
 */
public record LoopRequest(String model, String instructions, Double temperature, Double topP,
                          List<DialogueItem> history, String userText, String clinic) {
    public LoopRequest {
        history = List.copyOf(history);
    }

    public LoopRequest(String model, String instructions, Double temperature, Double topP,
                       List<DialogueItem> history, String userText) {
        this(model, instructions, temperature, topP, history, userText, "-");
    }
}
