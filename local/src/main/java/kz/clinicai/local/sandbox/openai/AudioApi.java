package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kz.clinicai.local.sandbox.audio.SandboxAudio;
import kz.clinicai.shared.json.Json;

/**
 * {@code /v1/audio/transcriptions} and {@code /v1/audio/speech}. A transcription is the transcript a sandbox
 * recording carries ({@link SandboxAudio#transcriptOf}: the sandbox's WAV and MP3, speech answers included, and any
 * cut of a sandbox WAV track or MP3); "" for a PCM WAV without sandbox speech (silence, faint crosstalk), as the real
 * API answers for noise; else "[sandbox transcript of N bytes &lt;sha256 prefix&gt;]". As the real API: known models
 * only; whisper-1 answers json/text/srt/vtt/verbose_json with usage {@code {type:"duration",seconds}}, the gpt-*
 * models json/text (the diarize model also diarized_json, segments timed from the sandbox audio's utterances and
 * speakers from the sandbox MP3's, chunking_strategy required over 30 s) with usage in tokens; the gpt-4o models refuse audio over 1,400 s. Speech takes a known model and voice and returns the
 * requested format, mp3 by default ({@link SandboxAudio#mp3}: real MPEG frames carrying the text), wav, flac
 * ({@link SpeechAudio}) or pcm; opus and aac exist at
 * the real API but the sandbox generates neither and says so (400, labelled sandbox_unsupported).
 */
final class AudioApi {

    static final long MAX_UPLOAD = 25L * 1024 * 1024;
    static final int MAX_SPEECH_INPUT = 4096;
    /** The gpt-4o transcription models refuse longer audio (DESIGN §5): callers split long calls. */
    static final int MAX_GPT4O_SECONDS = 1400;
    private static final Set<String> EXTENSIONS = Set.of("flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "oga",
            "wav", "webm");
    private static final Map<String, String> SPEECH_TYPES = Map.of("mp3", "audio/mpeg", "wav", "audio/wav",
            "pcm", "audio/pcm", "flac", "audio/flac");
    private static final Set<String> SPEECH_FORMATS = Set.of("mp3", "opus", "aac", "flac", "wav", "pcm");

    private final Models models;
    private final Ledger ledger;
    private final ModelClock clock;

    AudioApi(Models models, Ledger ledger, ModelClock clock) {
        this.clock = clock;
        this.models = models;
        this.ledger = ledger;
    }

    boolean handle(Call call) throws IOException {
        if (call.segments().size() != 2 || !call.segment(0).equals("audio") || !call.method().equals("POST")) {
            return false;
        }
        switch (call.segment(1)) {
            case "transcriptions" -> transcribe(call);
            case "speech" -> speak(call);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void transcribe(Call call) throws IOException {
        Multipart form = call.multipart();
        Multipart.Part file = form.part("file").orElseThrow(() -> OpenAiError.missing("file"));
        if (file.content().length > MAX_UPLOAD) {
            throw OpenAiError.invalid("Maximum content size limit (" + MAX_UPLOAD + ") exceeded ("
                    + file.content().length + " bytes read)", "file", "file_too_large");
        }
        String filename = file.filename() == null ? "" : file.filename();
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!EXTENSIONS.contains(extension)) {
            throw OpenAiError.invalid("Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', "
                    + "'mpga', 'oga', 'ogg', 'wav', 'webm']", "file", "invalid_value");
        }
        String model = form.field("model").filter(m -> !m.isBlank()).orElseThrow(() -> OpenAiError.missing("model"));
        if (!models.isTranscriptionModel(model)) {
            throw new OpenAiError(400, "The requested model '" + model + "' does not exist.", "invalid_request_error",
                    "model", "model_not_found");
        }
        models.requireLive(model, clock.today());
        boolean whisper = model.equals("whisper-1");
        boolean diarize = model.equals("gpt-4o-transcribe-diarize");
        String format = form.field("response_format").orElse("json");
        Set<String> formats = whisper ? Set.of("json", "text", "srt", "vtt", "verbose_json")
                : diarize ? Set.of("json", "text", "diarized_json") : Set.of("json", "text");
        if (!formats.contains(format)) {
            throw OpenAiError.invalid("response_format '" + format + "' is not compatible with model '" + model
                    + "'. Use " + String.join(" or ", formats.stream().sorted().map(f -> "'" + f + "'").toList())
                    + " instead.", "response_format", "unsupported_value");
        }
        byte[] audio = file.content();
        String text = SandboxAudio.transcriptOf(audio)
                .orElseGet(() -> "[sandbox transcript of " + audio.length + " bytes " + sha256(audio).substring(0, 12)
                        + "]");
        double seconds = durationOf(audio);
        if (model.startsWith("gpt-4o-") && seconds > MAX_GPT4O_SECONDS) {
            throw OpenAiError.invalid(String.format(Locale.ROOT, "audio duration %.1f seconds is longer than %d seconds "
                    + "which is the maximum for this model", seconds, MAX_GPT4O_SECONDS), "file", "invalid_value");
        }
        if (diarize && seconds > 30 && form.field("chunking_strategy").isEmpty()) {
            throw OpenAiError.invalid("chunking_strategy is required for diarization when the audio is longer than 30 "
                    + "seconds.", "chunking_strategy", "missing_required_parameter");
        }
        ledger.transcription(call.exchange().header("OpenAI-Project").orElse(null), model, seconds);
        ObjectNode usage = whisper ? durationUsage(seconds) : tokenUsage(seconds, text);
        switch (format) {
            case "text" -> call.exchange().text(200, "text/plain; charset=utf-8", text);
            case "srt" -> call.exchange().text(200, "text/plain; charset=utf-8",
                    "1\n00:00:00,000 --> " + clock(seconds, ',') + "\n" + text + "\n\n");
            case "vtt" -> call.exchange().text(200, "text/plain; charset=utf-8",
                    "WEBVTT\n\n00:00:00.000 --> " + clock(seconds, '.') + "\n" + text + "\n\n");
            case "json" -> {
                ObjectNode out = Json.mapper().createObjectNode();
                out.put("text", text);
                out.set("usage", usage);
                call.ok(out);
            }
            case "diarized_json" -> {
                ObjectNode out = Json.mapper().createObjectNode();
                out.put("task", "transcribe");
                out.put("duration", seconds);
                out.put("text", text);
                ArrayNode segments = out.putArray("segments");
                // Sandbox MP3s know who spoke when, WAV tracks when their one party spoke; other audio is one segment
                // of one speaker.
                List<SandboxAudio.Utterance> speech = SandboxAudio.speechOf(audio)
                        .orElse(List.of(new SandboxAudio.Utterance(0, seconds, null, text)));
                Map<String, String> labels = new LinkedHashMap<>();
                for (SandboxAudio.Utterance u : speech) {
                    String speaker = labels.computeIfAbsent(String.valueOf(u.speaker()),
                            k -> String.valueOf((char) ('A' + labels.size())));
                    ObjectNode segment = segments.addObject();
                    segment.put("type", "transcript.text.segment");
                    segment.put("id", "seg_" + segments.size());
                    segment.put("start", u.start());
                    segment.put("end", u.end());
                    segment.put("speaker", speaker);
                    segment.put("text", u.text());
                }
                out.set("usage", usage);
                call.ok(out);
            }
            default -> {
                ObjectNode out = Json.mapper().createObjectNode();
                out.put("task", "transcribe");
                out.put("language", form.field("language").orElse(RuleModel.isKazakh(text) ? "kazakh" : "russian"));
                out.put("duration", seconds);
                out.put("text", text);
                ObjectNode segment = out.putArray("segments").addObject();
                segment.put("id", 0);
                segment.put("seek", 0);
                segment.put("start", 0.0);
                segment.put("end", seconds);
                segment.put("text", text);
                segment.putArray("tokens");
                segment.put("temperature", 0.0);
                segment.put("avg_logprob", 0.0);
                segment.put("compression_ratio", 1.0);
                segment.put("no_speech_prob", 0.0);
                out.set("usage", usage);
                call.ok(out);
            }
        }
    }

    private static ObjectNode durationUsage(double seconds) {
        ObjectNode usage = Json.mapper().createObjectNode();
        usage.put("type", "duration");
        usage.put("seconds", (long) Math.ceil(seconds));
        return usage;
    }

    private static ObjectNode tokenUsage(double seconds, String text) {
        long audioTokens = Math.max(1, Math.round(seconds * 10));
        long textTokens = Math.max(1, (text.length() + 3) / 4);
        ObjectNode usage = Json.mapper().createObjectNode();
        usage.put("type", "tokens");
        usage.put("input_tokens", audioTokens);
        usage.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", audioTokens);
        usage.put("output_tokens", textTokens);
        usage.put("total_tokens", audioTokens + textTokens);
        return usage;
    }

    private static String clock(double seconds, char separator) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                separator, ms % 1000);
    }

    private void speak(Call call) throws IOException {
        JsonNode body = call.json();
        for (String field : new String[] {"model", "input", "voice"}) {
            if (!body.hasNonNull(field)) {
                throw OpenAiError.missing(field);
            }
        }
        String model = body.get("model").asText();
        if (!models.isSpeechModel(model)) {
            throw new OpenAiError(400, "The requested model '" + model + "' does not exist.", "invalid_request_error",
                    "model", "model_not_found");
        }
        models.requireLive(model, clock.today());
        JsonNode voice = body.get("voice");
        boolean custom = voice.isObject() && voice.path("id").asText("").startsWith("voice_");
        if (!custom && !(voice.isTextual() && models.voices().contains(voice.asText()))) {
            throw OpenAiError.invalid("Invalid value: '" + (voice.isTextual() ? voice.asText() : voice.toString())
                    + "'. Supported values are: " + String.join(", ", models.voices().stream().sorted()
                            .map(v -> "'" + v + "'").toList()) + ".", "voice", "invalid_value");
        }
        String input = body.get("input").asText();
        if (input.length() > MAX_SPEECH_INPUT) {
            throw OpenAiError.invalid("Invalid 'input': string too long. Expected a string with maximum length "
                    + MAX_SPEECH_INPUT + ", but got a string with length " + input.length() + " instead.", "input",
                    "string_above_max_length");
        }
        if (body.has("speed") && (!body.get("speed").isNumber() || body.get("speed").asDouble() < 0.25
                || body.get("speed").asDouble() > 4.0)) {
            throw OpenAiError.invalid("Invalid 'speed': expected a value between 0.25 and 4.0.", "speed",
                    "invalid_value");
        }
        if (body.hasNonNull("instructions") && (model.equals("tts-1") || model.equals("tts-1-hd"))) {
            throw OpenAiError.invalid("Instructions are not supported with model '" + model + "'.", "instructions",
                    "unsupported_parameter");
        }
        String format = body.path("response_format").asText("mp3");
        if (!SPEECH_FORMATS.contains(format)) {
            throw OpenAiError.invalid("Invalid value: '" + format + "'. Supported values are: 'mp3', 'opus', 'aac', "
                    + "'flac', 'wav', and 'pcm'.", "response_format", "invalid_value");
        }
        String contentType = SPEECH_TYPES.get(format);
        if (contentType == null) {
            throw new OpenAiError(400, "The sandbox generates speech as mp3, wav, flac or pcm only; '" + format
                    + "' is valid at the real API but not simulated.", "sandbox_unsupported", "response_format", null);
        }
        double seconds = Math.max(0.4, RuleModel.words(input).size() * 0.4);
        ledger.speech(call.exchange().header("OpenAI-Project").orElse(null), model, input.length());
        byte[] audio = switch (format) {
            case "mp3" -> SandboxAudio.mp3(input, seconds);
            case "pcm" -> SpeechAudio.pcm(seconds);
            case "flac" -> SpeechAudio.flac(seconds);
            default -> SandboxAudio.wav(input, seconds);
        };
        call.exchange().respond(200, contentType, audio, Map.of());
    }

    /** Seconds of sandbox audio (WAV, MP3), else of any MPEG Layer III from its frames, else taken as 16 kB a second. */
    static double durationOf(byte[] audio) {
        return SandboxAudio.secondsOf(audio).orElseGet(() -> {
            double mp3 = SpeechAudio.mp3Seconds(audio);
            return mp3 > 0 ? mp3 : audio.length / 16_000.0;
        });
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
