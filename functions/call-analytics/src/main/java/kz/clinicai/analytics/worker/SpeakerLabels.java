package kz.clinicai.analytics.worker;

import java.util.regex.Pattern;

/**
 * Speaker labels of a transcript: the platform writes "Оператор:" / "Клиент:". A transcript that already names
 * its speakers (the UIS sandbox's recordings carry "Менеджер:") is brought to those labels; unlabelled text stays
 * as transcribed.
 */
final class SpeakerLabels {

    private static final Pattern OPERATOR = Pattern.compile("(?m)^(Менеджер|Оператор|Сотрудник|Operator|Agent)\\s*:");
    private static final Pattern CLIENT = Pattern.compile("(?m)^(Клиент|Client|Customer)\\s*:");
    private static final Pattern LETTER = Pattern.compile("\\p{L}{2,}");

    private SpeakerLabels() {
    }

    static String normalise(String text) {
        return CLIENT.matcher(OPERATOR.matcher(text).replaceAll("Оператор:")).replaceAll("Клиент:");
    }

    /** False for silence: nothing, or only labels, punctuation and noise markers. */
    static boolean hasSpeech(String transcript) {
        String words = transcript.replaceAll("(?m)^(Оператор|Клиент)\\s*:", "").replaceAll("\\[[^]]*]", "");
        return LETTER.matcher(words).find();
    }
}
