package kz.clinicai.local.sandbox.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kz.clinicai.local.sandbox.audio.SandboxAudio;
import kz.clinicai.shared.json.Json;

/**
 * {@code /v1/audio/transcriptions} and {@code /v1/audio/speech}. A transcription is the transcript a sandbox
 * recording carries ({@link SandboxAudio}), else "[sandbox transcript of N bytes &lt;sha256 prefix&gt;]".
 * Speech is always WAV bytes ({@link SandboxAudio#wav} of the input, 0.4 s a word), sent with the content type of
 * the requested {@code response_format} (audio/mpeg for mp3…): players sniff the RIFF header, and clients that
 * only store the bytes see what they asked for.
 */
final class AudioApi {

    static final long MAX_UPLOAD = 25L * 1024 * 1024;
    static final int MAX_SPEECH_INPUT = 4096;
    private static final Set<String> EXTENSIONS = Set.of("flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav",
            "webm");
    private static final Map<String, String> SPEECH_TYPES = Map.of("mp3", "audio/mpeg", "opus", "audio/opus",
            "aac", "audio/aac", "flac", "audio/flac", "wav", "audio/wav", "pcm", "audio/pcm");

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
        if (form.field("model").map(String::isBlank).orElse(true)) {
            throw OpenAiError.missing("model");
        }
        byte[] audio = file.content();
        String text = SandboxAudio.transcriptOf(audio).orElseGet(() -> "[sandbox transcript of " + audio.length
                + " bytes " + sha256(audio).substring(0, 12) + "]");
        double seconds = durationOf(audio);
        String format = form.field("response_format").orElse("json");
        switch (format) {
            case "text" -> call.exchange().text(200, "text/plain; charset=utf-8", text);
            case "json" -> {
                ObjectNode out = Json.mapper().createObjectNode();
                out.put("text", text);
                long audioTokens = Math.max(1, Math.round(seconds * 10));
                long textTokens = Math.max(1, (text.length() + 3) / 4);
                ObjectNode usage = out.putObject("usage");
                usage.put("type", "tokens");
                usage.put("input_tokens", audioTokens);
                usage.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", audioTokens);
                usage.put("output_tokens", textTokens);
                usage.put("total_tokens", audioTokens + textTokens);
                call.ok(out);
            }
            case "verbose_json" -> {
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
                out.putObject("usage").put("type", "duration").put("seconds", Math.ceil(seconds));
                call.ok(out);
            }
            default -> throw OpenAiError.invalid("Invalid value for 'response_format': the sandbox supports json, "
                    + "text and verbose_json.", "response_format", "invalid_value");
        }
    }

    private void speak(Call call) throws IOException {
        JsonNode body = call.json();
        for (String field : new String[] {"model", "input", "voice"}) {
            if (!body.hasNonNull(field)) {
                throw OpenAiError.missing(field);
            }
        }
        String input = body.get("input").asText();
        if (input.length() > MAX_SPEECH_INPUT) {
            throw OpenAiError.invalid("Invalid 'input': string too long. Expected a string with maximum length "
                    + MAX_SPEECH_INPUT + ", but got a string with length " + input.length() + " instead.", "input",
                    "string_above_max_length");
        }
        String format = body.path("response_format").asText("mp3");
        String contentType = SPEECH_TYPES.get(format);
        if (contentType == null) {
            throw OpenAiError.invalid("Invalid value for 'response_format': '" + format + "'.", "response_format",
                    "invalid_value");
        }
        double seconds = Math.max(0.4, RuleModel.words(input).size() * 0.4);
        call.exchange().respond(200, contentType, SandboxAudio.wav(input, seconds), Map.of());
    }

    /** Seconds of a PCM WAV from its header; other audio is taken as 16 kB a second. */
    static double durationOf(byte[] audio) {
        if (audio.length >= 12 && new String(audio, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
            ByteBuffer in = ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN);
            int byteRate = 0;
            int pos = 12;
            while (pos + 8 <= audio.length) {
                String id = new String(audio, pos, 4, StandardCharsets.US_ASCII);
                int size = in.getInt(pos + 4);
                if (size < 0) {
                    break;
                }
                if (id.equals("fmt ") && pos + 16 <= audio.length) {
                    byteRate = in.getInt(pos + 16);
                } else if (id.equals("data") && byteRate > 0) {
                    return Math.min(size, audio.length - pos - 8) / (double) byteRate;
                }
                pos += 8 + size + (size & 1);
            }
        }
        return audio.length / 16_000.0;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
