package kz.clinicai.shared.tools;

import kz.clinicai.shared.booking.Outcome;

/** What running a tool yields: data for the model's next round, or the turn's outcome (no further round). */
public sealed interface ToolStep {
    /** @param output JSON sent back as function_call_output */
    record Continue(String output) implements ToolStep {
    }

    /** @param output JSON remembered as the call's output, so the next turn's model sees what happened */
    record Finish(Outcome outcome, String output) implements ToolStep {
    }
}
