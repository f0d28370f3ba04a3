package kz.clinicai.shared.tools;

import com.openai.client.OpenAIClient;
import com.openai.core.RequestOptions;
import com.openai.errors.OpenAIException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import kz.clinicai.shared.openai.ModelTuning;
import kz.clinicai.shared.time.Deadline;
import kz.clinicai.shared.booking.Outcome;
import kz.clinicai.shared.booking.DialogueItem;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Responses API tool loop. Nothing is stored at OpenAI ({@code store=false}): the session's dialogue is sent as
 * input each time. A terminal tool ends the loop at once, saving a model round trip; a non-terminal tool's output
 * goes back with the same call_id. Every request's timeout is bounded by the deadline.
 */
public final class ResponsesToolLoop implements ToolLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ResponsesToolLoop.class);
    /** Below this, another model call cannot finish usefully; answer instead of starting it. */
    private static final Duration MIN_MODEL_TIME = Duration.ofMillis(500);

    private final OpenAIClient client;
    private final int maxRounds;
    private final UsageRecorder usage;
    private final Clock clock;
    private final String reasoningEffort;

    public ResponsesToolLoop(OpenAIClient client, int maxRounds) {
        this(client, maxRounds, UsageRecorder.NONE, Clock.systemUTC(), null);
    }

    /** @param reasoningEffort the voicebot's configured effort (VOICEBOT_REASONING_EFFORT); null: the model's own */
    public ResponsesToolLoop(OpenAIClient client, int maxRounds, UsageRecorder usage, Clock clock,
            String reasoningEffort) {
        this.reasoningEffort = reasoningEffort;
        this.client = client;
        this.maxRounds = maxRounds;
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public LoopResult run(LoopRequest request, ToolRunner tools, Deadline deadline) {
        List<DialogueItem> turn = new ArrayList<>();
        turn.add(DialogueItem.user(request.userText()));
        for (int round = 1; round <= maxRounds; round++) {
            Duration left = deadline.remaining();
            if (left.compareTo(MIN_MODEL_TIME) < 0) {
                LOG.warn("Deadline reached before model round {}", round);
                return new LoopResult(new Outcome.Failure("Не успели обработать запрос"), turn);
            }
            Response response;
            long started = System.nanoTime();
            try {
                response = client.responses().create(params(request, turn),
                        RequestOptions.builder().timeout(left).build());
            } catch (OpenAIException e) {
                LOG.warn("Model round {} failed after {} ms: {}", round, (System.nanoTime() - started) / 1_000_000,
                        e.toString());
                return new LoopResult(new Outcome.Failure("Модель не ответила вовремя"), turn);
            }
            LOG.info("Model round {} took {} ms", round, (System.nanoTime() - started) / 1_000_000);
            usage.record(Usage.ofResponse(Usage.Channel.VOICEBOT, request.clinic(), response, clock.instant()));

            List<ResponseFunctionToolCall> calls = response.output().stream()
                    .flatMap(item -> item.functionCall().stream()).toList();
            if (calls.isEmpty()) {
                String text = text(response);
                if (!text.isBlank()) {
                    turn.add(DialogueItem.assistant(text));
                }
                return new LoopResult(new Outcome.NotUnderstood(), turn);
            }
            for (ResponseFunctionToolCall call : calls) {
                turn.add(DialogueItem.functionCall(call.callId(), call.name(), call.arguments()));
                ToolStep step = tools.run(new ToolCall(call.callId(), call.name(), call.arguments()));
                switch (step) {
                    case ToolStep.Finish finish -> {
                        turn.add(DialogueItem.functionOutput(call.callId(), finish.output()));
                        return new LoopResult(finish.outcome(), turn);
                    }
                    case ToolStep.Continue cont -> turn.add(DialogueItem.functionOutput(call.callId(), cont.output()));
                }
            }
        }
        LOG.warn("No outcome after {} model rounds", maxRounds);
        return new LoopResult(new Outcome.Failure("Не удалось обработать запрос"), turn);
    }

    private ResponseCreateParams params(LoopRequest request, List<DialogueItem> turn) {
        List<ResponseInputItem> input = new ArrayList<>();
        request.history().forEach(item -> input.add(toInput(item)));
        turn.forEach(item -> input.add(toInput(item)));
        ResponseCreateParams.Builder builder = ResponseCreateParams.builder()
                .model(request.model())
                .instructions(request.instructions())
                .inputOfResponse(input)
                .store(false)
                .parallelToolCalls(false);
        request.tools().forEach(builder::addTool);
        // Only what the model accepts: reasoning models refuse temperature/top_p, others refuse reasoning.effort.
        ModelTuning.apply(builder, request.model(), request.temperature(), request.topP(), reasoningEffort);
        return builder.build();
    }

    static ResponseInputItem toInput(DialogueItem item) {
        return switch (item.kind()) {
            case USER -> ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                    .role(EasyInputMessage.Role.USER).content(item.text()).build());
            case ASSISTANT -> ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                    .role(EasyInputMessage.Role.ASSISTANT).content(item.text()).build());
            case FUNCTION_CALL -> ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder()
                    .callId(item.callId()).name(item.name()).arguments(item.arguments()).build());
            case FUNCTION_OUTPUT -> ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                    .callId(item.callId()).output(item.output()).build());
        };
    }

    private static String text(Response response) {
        return response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(t -> t.text())
                .collect(Collectors.joining(" "));
    }
}
