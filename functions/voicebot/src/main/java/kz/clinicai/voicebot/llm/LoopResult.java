package kz.clinicai.voicebot.llm;

import java.util.List;
import kz.clinicai.voicebot.booking.Outcome;
import kz.clinicai.voicebot.session.DialogueItem;

/** @param newItems this turn's dialogue (the user text, calls and outputs) to append to the session */
public record LoopResult(Outcome outcome, List<DialogueItem> newItems) {
    public LoopResult {
        newItems = List.copyOf(newItems);
    }
}
