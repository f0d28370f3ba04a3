package kz.clinicai.shared.tools;

import java.util.List;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.booking.DialogueItem;

/** @param newItems this turn's dialogue (the user text, calls and outputs) to append to the session */
public record LoopResult(Outcome outcome, List<DialogueItem> newItems) {
    public LoopResult {
        newItems = List.copyOf(newItems);
    }
}
