package kz.clinicai.calls.reminders;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import kz.clinicai.shared.booking.DialogueItem;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.time.Deadline;
import kz.clinicai.shared.tools.LoopRequest;
import kz.clinicai.shared.tools.LoopResult;
import kz.clinicai.shared.tools.ToolCall;
import kz.clinicai.shared.tools.ToolLoop;
import kz.clinicai.shared.tools.ToolRunner;
import kz.clinicai.shared.tools.ToolStep;

/**
 * A tool loop whose model answers each utterance with the tool calls the script gives (as the voicebot's tests do),
 * or, with none, with the words {@code words} gives (null: nothing at all).
 */
final class ScriptedToolModel implements ToolLoop {
    private final Function<String, List<ToolCall>> script;
    private final Function<String, String> words;
    final List<LoopRequest> requests = new ArrayList<>();

    ScriptedToolModel(Function<String, List<ToolCall>> script) {
        this(script, text -> null);
    }

    ScriptedToolModel(Function<String, List<ToolCall>> script, Function<String, String> words) {
        this.script = script;
        this.words = words;
    }

    @Override
    public LoopResult run(LoopRequest request, ToolRunner tools, Deadline deadline) {
        requests.add(request);
        List<DialogueItem> turn = new ArrayList<>(List.of(DialogueItem.user(request.userText())));
        for (ToolCall call : script.apply(request.userText())) {
            turn.add(DialogueItem.functionCall(call.callId(), call.name(), call.arguments()));
            ToolStep step = tools.run(call);
            if (step instanceof ToolStep.Finish finish) {
                turn.add(DialogueItem.functionOutput(call.callId(), finish.output()));
                return new LoopResult(finish.outcome(), turn);
            }
            turn.add(DialogueItem.functionOutput(call.callId(), ((ToolStep.Continue) step).output()));
        }
        String said = words.apply(request.userText());
        if (said != null) {
            turn.add(DialogueItem.assistant(said));
        }
        return new LoopResult(new Outcome.NotUnderstood(), turn);
    }
}
