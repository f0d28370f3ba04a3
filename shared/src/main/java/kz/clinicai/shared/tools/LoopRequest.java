package kz.clinicai.shared.tools;

import com.openai.models.responses.FunctionTool;
import java.util.List;
import kz.clinicai.shared.booking.DialogueItem;

/**
 * One patient utterance with what the model needs around it. temperature/topP null = model default; clinic is the
 * clinic's slug, the scope its model usage is metered under; tools: the function tools offered (a caller with its
 * own set, e.g. a reminder call with transfer and end beside InfoClinica's), {@link VoicebotTools#ALL} when null.
 */
public record LoopRequest(String model, String instructions, Double temperature, Double topP,
                          List<DialogueItem> history, String userText, String clinic, List<FunctionTool> tools) {
    public LoopRequest {
        history = List.copyOf(history);
        tools = tools == null ? VoicebotTools.ALL : List.copyOf(tools);
    }

    public LoopRequest(String model, String instructions, Double temperature, Double topP,
                       List<DialogueItem> history, String userText, String clinic) {
        this(model, instructions, temperature, topP, history, userText, clinic, null);
    }

    public LoopRequest(String model, String instructions, Double temperature, Double topP,
                       List<DialogueItem> history, String userText) {
        this(model, instructions, temperature, topP, history, userText, "-");
    }
}
