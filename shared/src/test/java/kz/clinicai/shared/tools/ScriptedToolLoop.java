package kz.clinicai.shared.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import kz.clinicai.shared.booking.DialogueItem;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.time.Deadline;

/**
 * A tool loop whose model answers each utterance with the tool calls the script gives, or, with none, with the words
 * {@code words} gives (null: nothing at all). The voicebot's and the reminder calls' tests share it (shared's test-jar).
 */
public final class ScriptedToolLoop implements ToolLoop {
    private final Function<String, List<ToolCall>> script;
    private final Function<String, String> words;
    public final List<LoopRequest> requests = new ArrayList<>();

    public ScriptedToolLoop(Function<String, List<ToolCall>> script) {
        this(script, text -> null);
    }

    public ScriptedToolLoop(Function<String, List<ToolCall>> script, Function<String, String> words) {
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
