package kz.clinicai.voicebot.llm;

import java.util.List;
import kz.clinicai.voicebot.session.DialogueItem;

/** One patient utterance with what the model needs around it. temperature/topP null = model default. */
public record LoopRequest(String model, String instructions, Double temperature, Double topP,
                          List<DialogueItem> history, String userText) {
    public LoopRequest {
        history = List.copyOf(history);
    }
}
