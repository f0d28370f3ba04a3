package kz.clinicai.calls.webhook;

import java.time.Duration;
import java.util.Map;

/**
 * What the scenario is told per call besides the call's own fields.
 *
 * @param voices       language → VoiceList path, e.g. ru → Yandex.Neural.ru_RU_alena
 * @param asrProfiles  language → ASRProfileList path, e.g. kk → Google.kk_KZ
 * @param instructions language → the assistant's instructions when the call names none
 * @param greetings    language → default greeting
 * @param realtimeModel              OpenAI Realtime model of realtime calls (template parameter CallsRealtimeModel)
 * @param realtimeTranscriptionModel the live input transcription of realtime calls
 *                                   (template parameter CallsRealtimeTranscriptionModel)
 */
public record ScenarioSettings(String callerId, String operatorPhone, Map<String, String> voices,
                               Map<String, String> asrProfiles, Map<String, String> instructions,
                               Map<String, String> greetings, String voicemailMessage, int maxTurns,
                               Duration retryInterval, int maxAttempts, String realtimeModel, String realtimeVoice,
                               String realtimeTranscriptionModel) {

    /** The instructions of a call that names none, per language (the {@code phrases} bundle). */
    public static Map<String, String> defaultInstructions() {
        return Map.of("ru", Phrases.instructions("ru"), "kk", Phrases.instructions("kk"));
    }

    /** The greeting of a call that names none, per language (the {@code phrases} bundle). */
    public static Map<String, String> defaultGreetings() {
        return Map.of("ru", Phrases.greeting("ru"), "kk", Phrases.greeting("kk"));
    }

    /** Left on an answering machine unless CALLS_VOICEMAIL_MESSAGE says otherwise. */
    public static String defaultVoicemailMessage() {
        return Phrases.voicemail();
    }
}
