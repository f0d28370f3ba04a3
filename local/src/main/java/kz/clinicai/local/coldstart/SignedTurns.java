package kz.clinicai.local.coldstart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.DynamoDbCallRepository;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.calls.webhook.WebhookKeys;
import kz.clinicai.calls.webhook.WebhookSignature;
import kz.clinicai.local.Stack;
import kz.clinicai.local.StackConfig;
import kz.clinicai.shared.json.Json;

/**
 * The calls webhook's events for the cold-start bench: an ASR turn ("what the callee said") of an in-progress call,
 * signed with the local webhook key as the scenario signs it, in the sample event's function-URL envelope. A new
 * call every few turns keeps the dialogue history short, as in CallsBench.
 */
final class SignedTurns implements ColdStartBench.Events {

    private static final int TURNS_PER_CALL = 6;
    private static final String SAID = "Да, интересно, расскажите подробнее про условия.";

    private final DynamoDbCallRepository calls;
    private final WebhookKeys keys;
    private final ObjectNode envelope;
    private String callId;
    private int turns;

    SignedTurns(Stack stack, StackConfig config, byte[] sample) throws Exception {
        this.calls = new DynamoDbCallRepository(stack.aws().dynamo(), stack.world().ref("CallsTable"),
                Clock.systemUTC(), Duration.ofDays(1));
        String secret = config.settings().secrets(Map.of(), Map.of()).get("clinicai/calls-webhook");
        String signingKey = Json.mapper().readTree(secret).path("signing_key").asText();
        this.keys = new WebhookKeys(() -> signingKey);
        this.envelope = (ObjectNode) Json.mapper().readTree(sample);
    }

    @Override
    public byte[] next() throws Exception {
        if (callId == null || turns++ % TURNS_PER_CALL == 0) {
            callId = "call_" + UUID.randomUUID().toString().replace("-", "");
            String now = Instant.now().toString();
            calls.create(new Call(callId, "+77010000000", CallStatus.IN_PROGRESS, "asr", "ru", null, null, Map.of(),
                    now, now, 1, null, "bench-cold", List.of(), null, null, null, null));
            calls.appendTurns(callId, List.of(new Turn(Turn.ASSISTANT,
                    "Здравствуйте! Я голосовой ассистент. Чем могу помочь?", now, "greeting")));
        }
        String body = Json.mapper().writeValueAsString(Map.of("type", "turn", "call_id", callId, "text", SAID));
        ObjectNode event = envelope.deepCopy();
        event.put("body", body);
        ((ObjectNode) event.path("headers")).put(WebhookSignature.HEADER, WebhookSignature.sign(keys.callKey(callId),
                Instant.now().getEpochSecond(), UUID.randomUUID().toString().replace("-", ""), body));
        return Json.mapper().writeValueAsBytes(event);
    }
}
