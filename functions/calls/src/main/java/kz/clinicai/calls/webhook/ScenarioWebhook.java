package kz.clinicai.calls.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.clinicai.calls.call.Call;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.CallStatus;
import kz.clinicai.calls.call.Timestamps;
import kz.clinicai.calls.call.Turn;
import kz.clinicai.calls.dialogue.DialogueModel;
import kz.clinicai.calls.dialogue.ModelUnavailableException;
import kz.clinicai.calls.dialogue.OpenAiDialogueModel;
import kz.clinicai.calls.dialogue.RealtimeKeys;
import kz.clinicai.calls.dialogue.Reply;
import kz.clinicai.calls.settings.LiveSettings;
import kz.clinicai.calls.settings.RuntimeSettings;
import kz.clinicai.shared.http.ApiException;
import kz.clinicai.shared.phone.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's side of the running scenario: {@code config} (signed with the scenario key) hands out the call's
 * configuration and per-call key; {@code event} moves the call's state; {@code turn} answers the callee's words
 * (asr: text; record: a record URL to download and transcribe) with the LLM given the whole dialogue.
 */
public final class ScenarioWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioWebhook.class);
    static final Set<String> TYPES = Set.of("config", "event", "turn");

    private final CallRepository calls;
    private final WebhookKeys keys;
    private final WebhookSignature signature;
    private final DialogueModel model;
    private final Recordings recordings;
    private final ScenarioSettings settings;
    private final Clock clock;
    private final ResultWebhook results;
    /** Operator phone and retry policy as the console set them (the template's values where unset). */
    private final LiveSettings live;
    private java.util.function.Consumer<Call> ended = call -> {
    };
    private CallOpening opening = call -> CallOpening.Opening.asStored();
    private TurnTools tools = TurnTools.none();
    private RealtimeKeys realtimeKeys = model -> {
        throw new ModelUnavailableException("realtime is not configured", null);
    };

    ScenarioWebhook(CallRepository calls, WebhookKeys keys, WebhookSignature signature, DialogueModel model,
                    Recordings recordings, ScenarioSettings settings, Clock clock) {
        this(calls, keys, signature, model, recordings, settings, clock, ResultWebhook.none());
    }

    public ScenarioWebhook(CallRepository calls, WebhookKeys keys, WebhookSignature signature, DialogueModel model,
                           Recordings recordings, ScenarioSettings settings, Clock clock, ResultWebhook results) {
        this.results = results;
        this.calls = calls;
        this.keys = keys;
        this.signature = signature;
        this.model = model;
        this.recordings = recordings;
        this.settings = settings;
        this.clock = clock;
        this.live = new LiveSettings(calls, new RuntimeSettings(settings.operatorPhone(),
                // Calling hours are the API's business (when a call may start), not the webhook's.
                null, settings.retryInterval(), settings.maxAttempts()), clock);
    }

    /**
     * Told about every call that has ended for good (completed, voicemail, failed, or no answer / busy with no attempt
     * left), after its summary: the reminders record their entry's outcome here.
     */
    public ScenarioWebhook onEnded(java.util.function.Consumer<Call> listener) {
        this.ended = listener;
        return this;
    }

    /** Decides, as the scenario starts, whether the call is placed and with which greeting (reminders). */
    public ScenarioWebhook withOpening(CallOpening opening) {
        this.opening = opening;
        return this;
    }

    /** Tools a call's turns run before the dialogue model (a reminder call's InfoClinica tools). */
    public ScenarioWebhook withTools(TurnTools tools) {
        this.tools = tools;
        return this;
    }

    /** How realtime calls get their ephemeral OpenAI key. */
    public ScenarioWebhook withRealtimeKeys(RealtimeKeys keys) {
        this.realtimeKeys = keys;
        return this;
    }

    /** Verifies the signature (401 otherwise, with no effect), then serves the request. */
    public Map<String, Object> handle(String signatureHeader, String body, JsonNode request) {
        String type = request.path("type").asText("");
        String callId = request.path("call_id").asText("");
        if (!TYPES.contains(type) || !callId.matches("call_[0-9a-f]{32}")) {
            // Still authenticate first: an unsigned probe learns nothing about what is valid.
            signature.verify(signatureHeader, keys.scenarioKey(), body, clock.instant());
            throw ApiException.badRequest("invalid_request", "type and call_id are required");
        }
        String key = type.equals("config") ? keys.scenarioKey() : keys.callKey(callId);
        signature.verify(signatureHeader, key, body, clock.instant());
        Call call = calls.find(callId).orElseThrow(() -> ApiException.notFound("call_not_found", "No call " + callId));
        return switch (type) {
            case "config" -> config(call);
            case "event" -> event(call, request);
            default -> turn(call, request);
        };
    }

    private Map<String, Object> config(Call call) {
        if (!call.status().active()) {
            throw ApiException.conflict("call_not_active", "Call is " + call.status().wire());
        }
        if (call.status() == CallStatus.PENDING) {
            CallOpening.Opening open = opening.open(call);
            if (!open.place()) {
                // The scenario ends on a refused config and dials nobody; failing the call gives its line back.
                calls.transition(call.id(), Set.of(CallStatus.PENDING), CallStatus.FAILED, open.reason());
                LOG.info("Call {} not placed: {}", call.id(), open.reason());
                throw ApiException.conflict("not_placed", "The call is not placed: " + open.reason());
            }
            if (open.greeting() != null && !open.greeting().equals(call.greeting())) {
                calls.setGreeting(call.id(), open.greeting());
                call = calls.find(call.id()).orElse(call);
            }
        }
        calls.transition(call.id(), Set.of(CallStatus.PENDING), CallStatus.RINGING, null);
        String lang = call.language();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("call_id", call.id());
        out.put("phone", call.phone());
        out.put("caller_id", settings.callerId());
        out.put("mode", call.mode());
        out.put("language", lang);
        out.put("greeting", greeting(call));
        out.put("voice", settings.voices().getOrDefault(lang, settings.voices().get("ru")));
        out.put("asr_profile", settings.asrProfiles().getOrDefault(lang, settings.asrProfiles().get("ru")));
        out.put("amd_model", "kk".equals(lang) ? "KZ" : "RU");
        out.put("operator_phone", live.current().operatorPhone());
        out.put("voicemail_message", settings.voicemailMessage());
        out.put("max_turns", settings.maxTurns());
        out.put("call_key", keys.callKey(call.id()));
        // What the scenario itself says when the platform cannot answer: text here, never in the scenario.
        out.put("phrases", Map.of("repeat", Phrases.repeat(lang), "unavailable", Phrases.unavailable(lang),
                "operator_busy", Phrases.operatorBusy(lang)));
        if ("realtime".equals(call.mode())) {
            Map<String, Object> realtime = new LinkedHashMap<>();
            realtime.put("model", settings.realtimeModel());
            realtime.put("transcription_model", settings.realtimeTranscriptionModel());
            realtime.put("language", lang);
            realtime.put("voice", settings.realtimeVoice());
            // A reminder call's session has its InfoClinica tools and rules besides transfer and end.
            Call configured = call;
            Optional<TurnTools.Realtime> own = tools.realtime(configured);
            List<Map<String, Object>> offered = new ArrayList<>(own.map(TurnTools.Realtime::tools).orElse(List.of()));
            offered.add(tool(OpenAiDialogueModel.TRANSFER));
            offered.add(tool(OpenAiDialogueModel.END));
            realtime.put("instructions", own.map(TurnTools.Realtime::instructions).orElseGet(() -> instructions(configured)));
            realtime.put("tools", offered);
            try {
                realtime.put("api_key", realtimeKeys.mint(settings.realtimeModel()));
            } catch (ModelUnavailableException e) {
                // The scenario ends its session on a failed config and never asks again: the call fails here, which
                // gives its line back (else it would ring on in the ledger until the scheduler's lost-call reclaim).
                calls.transition(call.id(), Set.of(CallStatus.PENDING, CallStatus.RINGING), CallStatus.FAILED,
                        "realtime_unavailable");
                LOG.warn("Call {}: no realtime session key ({}); failed", call.id(), e.getMessage());
                throw new ApiException(503, "realtime_unavailable", "No realtime session key now; the call is failed");
            }
            out.put("realtime", realtime);
        }
        return out;
    }

    private static Map<String, Object> tool(String name) {
        return Map.of("type", "function", "name", name, "description", OpenAiDialogueModel.toolDescription(name),
                "parameters", Map.of("type", "object", "properties", Map.of("reason", Map.of("type", "string")),
                        "required", List.of("reason"), "additionalProperties", false));
    }

    private String greeting(Call call) {
        return call.greeting() != null ? call.greeting()
                : settings.greetings().getOrDefault(call.language(), settings.greetings().get("ru"));
    }

    private Map<String, Object> event(Call call, JsonNode request) {
        String event = request.path("event").asText("");
        String lang = call.language();
        Map<String, Object> out = new LinkedHashMap<>();
        switch (event) {
            case "Connected" -> {
                if (calls.transition(call.id(), Set.of(CallStatus.PENDING, CallStatus.RINGING), CallStatus.IN_PROGRESS, null)) {
                    calls.appendTurns(call.id(), List.of(turn(Turn.ASSISTANT, greeting(call), "greeting")));
                }
            }
            case "AMD" -> {
                String result = request.path("result").asText("");
                if ("VOICEMAIL".equalsIgnoreCase(result)
                        && calls.transition(call.id(), CallStatus.ACTIVE, CallStatus.VOICEMAIL, null)) {
                    out.put("say", settings.voicemailMessage());
                    out.put("action", Reply.Action.HANGUP.wire());
                    calls.appendTurns(call.id(), List.of(turn(Turn.ASSISTANT, settings.voicemailMessage(), "voicemail")));
                }
            }
            case "Transcript" -> {
                String role = request.path("role").asText("");
                String text = request.path("text").asText("").trim();
                if (!Set.of(Turn.USER, Turn.ASSISTANT).contains(role) || text.isEmpty()) {
                    throw ApiException.badRequest("invalid_transcript", "role user|assistant and text are required");
                }
                calls.appendTurns(call.id(), List.of(turn(role, text.length() > 2000 ? text.substring(0, 2000) : text,
                        request.path("interrupted").asBoolean(false) ? "interrupted" : null)));
            }
            case "Tool" -> {
                String name = request.path("name").asText("");
                Optional<TurnTools.ToolAnswer> own = tools.tool(call, request.path("tool_call_id").asText(""), name,
                        request.path("arguments").asText(""));
                if (own.isPresent()) {
                    return toolAnswer(call, own.get());
                }
                Reply reply = switch (name) {
                    case OpenAiDialogueModel.TRANSFER -> new Reply(Phrases.transfer(lang), Reply.Action.TRANSFER, "transfer");
                    case OpenAiDialogueModel.END -> new Reply(Phrases.goodbye(lang), Reply.Action.HANGUP, "end");
                    default -> throw ApiException.badRequest("unknown_tool", "unknown tool " + name);
                };
                calls.appendTurns(call.id(), List.of(turn(Turn.ASSISTANT, reply.text(), reply.note())));
                out.put("say", reply.text());
                out.put("action", reply.action().wire());
                out.put("output", reply.action() == Reply.Action.TRANSFER ? "transferring" : "ending the call");
                if (reply.action() == Reply.Action.TRANSFER) {
                    out.put("operator_phone", live.current().operatorPhone());
                }
            }
            case "Transferred" -> calls.appendTurns(call.id(), List.of(turn("system",
                    Phrases.transferred(PhoneMasking.mask(live.current().operatorPhone())), "transfer")));
            case "Failed" -> failed(call, request.path("code").asInt(0), request.path("reason").asText(""));
            case "Disconnected" -> disconnected(call);
            default -> throw ApiException.badRequest("invalid_event", "unknown event " + event);
        }
        out.putIfAbsent("action", Reply.Action.CONTINUE.wire());
        return out;
    }

    /**
     * A realtime tool call the call's tools ran: its state kept; continue → the output goes back to the model (which
     * speaks); hangup / transfer → the scenario says the phrase built from InfoClinica's result itself and acts.
     */
    private Map<String, Object> toolAnswer(Call call, TurnTools.ToolAnswer answer) {
        List<Turn> added = new ArrayList<>(answer.state());
        Reply reply = answer.reply();
        Map<String, Object> out = new LinkedHashMap<>();
        if (reply.action() != Reply.Action.CONTINUE) {
            if (!answer.repeated()) {
                added.add(turn(Turn.ASSISTANT, reply.text(), reply.note()));
            }
            out.put("say", reply.text());
            if (reply.action() == Reply.Action.TRANSFER) {
                out.put("operator_phone", live.current().operatorPhone());
            }
        }
        if (!added.isEmpty()) {
            calls.appendTurns(call.id(), added);
        }
        out.put("action", reply.action().wire());
        out.put("output", answer.output());
        return out;
    }

    /** SIP-style codes as VoxEngine reports them: 486/603 busy, 408/480/487 no answer. */
    private void failed(Call call, int code, String reason) {
        CallStatus status = switch (code) {
            case 486, 600, 603 -> CallStatus.BUSY;
            case 408, 480, 487 -> CallStatus.NO_ANSWER;
            default -> CallStatus.FAILED;
        };
        if (!calls.transition(call.id(), Set.of(CallStatus.PENDING, CallStatus.RINGING), status, code + " " + reason)) {
            return;
        }
        RuntimeSettings policy = live.current();
        if (status != CallStatus.FAILED && call.attempts() < policy.maxAttempts()) {
            String next = Timestamps.format(clock.instant().plus(policy.retryInterval()));
            calls.schedule(call.id(), status, next);
            LOG.info("Call {} {}: attempt {} of {}, retry at {}", call.id(), status.wire(), call.attempts(),
                    policy.maxAttempts(), next);
            return;
        }
        ended.accept(calls.find(call.id()).orElse(call));
    }

    private void disconnected(Call call) {
        boolean ended = calls.transition(call.id(), Set.of(CallStatus.IN_PROGRESS), CallStatus.COMPLETED, null);
        calls.transition(call.id(), Set.of(CallStatus.PENDING, CallStatus.RINGING), CallStatus.FAILED, "disconnected");
        Call latest = calls.find(call.id()).orElse(call);
        if ((ended || latest.status() == CallStatus.VOICEMAIL) && latest.summary() == null) {
            summarise(latest);
            Call done = calls.find(call.id()).orElse(latest);
            results.send(done);
            this.ended.accept(done);
        } else if (latest.status() == CallStatus.FAILED && "disconnected".equals(latest.failure())) {
            this.ended.accept(latest);
        }
    }

    private void summarise(Call call) {
        try {
            String outcome = model.outcome(call.id(), Phrases.outcomeInstructions(), spoken(call.turns()));
            JsonNode parsed = kz.clinicai.shared.json.Json.mapper().readTree(outcome);
            calls.setResult(call.id(), parsed.path("summary").asText(""), outcome);
        } catch (ModelUnavailableException | java.io.IOException e) {
            // The call stands without a summary; it can be produced again later from the stored turns.
            LOG.warn("Call {}: no summary ({})", call.id(), e.getMessage());
        }
    }

    private Map<String, Object> turn(Call call, JsonNode request) {
        if (call.status() != CallStatus.IN_PROGRESS) {
            throw ApiException.conflict("call_not_in_progress", "Call is " + call.status().wire());
        }
        String lang = call.language();
        List<Turn> added = new ArrayList<>();
        Reply reply;
        Optional<String> heard = heard(call, request, added);
        if (heard.isEmpty()) {
            reply = added.isEmpty() ? silence(call) : new Reply(Phrases.apology(lang), Reply.Action.CONTINUE, "apology");
        } else {
            Turn said = turn(Turn.USER, heard.get(), request.path("interrupted").asBoolean(false) ? "interrupted" : null);
            added.add(said);
            List<Turn> history = new ArrayList<>(call.turns());
            history.add(said);
            Optional<TurnTools.Answer> toolAnswer = tools.answer(call, heard.get());
            toolAnswer.ifPresent(a -> added.addAll(a.state()));
            reply = toolAnswer.map(TurnTools.Answer::reply).map(r -> phrased(lang, r)).orElse(null);
            if (reply == null) {
                reply = answer(call, history);
            }
        }
        if (spoken(call.turns()).size() + spoken(added).size() >= 2 * settings.maxTurns() && reply.action() == Reply.Action.CONTINUE) {
            reply = new Reply(Phrases.goodbye(lang), Reply.Action.HANGUP, "max_turns");
        }
        added.removeIf(t -> t.role().equals("marker"));
        added.add(turn(Turn.ASSISTANT, reply.text(), reply.note()));
        calls.appendTurns(call.id(), added);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("say", reply.text());
        out.put("action", reply.action().wire());
        if (reply.action() == Reply.Action.TRANSFER) {
            out.put("operator_phone", live.current().operatorPhone());
        }
        return out;
    }

    /**
     * The callee's words: asr text, or a record downloaded and transcribed. Empty for silence; empty with a marker in
     * {@code added} when the recording is gone (the caller apologises and the call goes on).
     */
    private Optional<String> heard(Call call, JsonNode request, List<Turn> added) {
        if (request.hasNonNull("record_url")) {
            Optional<byte[]> audio;
            try {
                audio = recordings.fetch(request.get("record_url").asText());
            } catch (RuntimeException e) {
                LOG.warn("Call {}: recording unavailable ({})", call.id(), e.getMessage());
                audio = Optional.empty();
            }
            if (audio.isEmpty()) {
                added.add(new Turn("marker", "", now(), "recording_gone"));
                return Optional.empty();
            }
            int n = call.turns().size();
            try {
                String keyName = recordings.keep(call.id(), n, audio.get());
                calls.setRecording(call.id(), keyName);
            } catch (RuntimeException e) {
                LOG.warn("Call {}: recording not kept ({})", call.id(), e.getMessage());
            }
            try {
                String text = model.transcribe(call.id(), audio.get(), "turn-" + n + ".wav", call.language());
                return text.isBlank() ? Optional.empty() : Optional.of(text);
            } catch (ModelUnavailableException e) {
                added.add(new Turn("marker", "", now(), "transcription_failed"));
                return Optional.empty();
            }
        }
        String text = request.path("text").asText("").trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text.length() > 2000 ? text.substring(0, 2000) : text);
    }

    private Reply silence(Call call) {
        long silentPrompts = call.turns().stream().filter(t -> "silence".equals(t.note())).count();
        return silentPrompts >= 1
                ? new Reply(Phrases.goodbye(call.language()), Reply.Action.HANGUP, "end")
                : new Reply(Phrases.silence(call.language()), Reply.Action.CONTINUE, "silence");
    }

    private Reply answer(Call call, List<Turn> history) {
        String lang = call.language();
        try {
            return phrased(lang, model.reply(call.id(), instructions(call), spoken(history)));
        } catch (ModelUnavailableException e) {
            LOG.warn("Call {}: model unavailable, filler phrase ({})", call.id(), e.getMessage());
            return new Reply(Phrases.filler(lang), Reply.Action.CONTINUE, "filler");
        }
    }

    /** A transfer or an end the model chose without words gets the call's own phrase. */
    private static Reply phrased(String lang, Reply r) {
        return switch (r.action()) {
            case TRANSFER -> new Reply(r.text().isBlank() ? Phrases.transfer(lang) : r.text(), r.action(),
                    r.note() != null ? r.note() : "transfer");
            case HANGUP -> new Reply(r.text().isBlank() ? Phrases.goodbye(lang) : r.text(), r.action(),
                    r.note() != null ? r.note() : "end");
            case CONTINUE -> r;
        };
    }

    /** What was said: the tools' state turns stay out of what the dialogue model reads. */
    private static List<Turn> spoken(List<Turn> turns) {
        return turns.stream().filter(t -> !TurnTools.STATE_ROLE.equals(t.role())).toList();
    }

    private String instructions(Call call) {
        String base = settings.instructions().getOrDefault(call.language(), settings.instructions().get("ru"));
        return base + Phrases.turnRules(java.time.LocalDate.now(clock));
    }

    private Turn turn(String role, String text, String note) {
        return new Turn(role, text, now(), note);
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }
}
