package kz.clinicai.local.sandbox.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxAudioTest {

    private static final List<SandboxAudio.Utterance> DIALOGUE = List.of(
            new SandboxAudio.Utterance(0.5, 3.0, SandboxAudio.OPERATOR, "Здравствуйте, клиника ClinicAI."),
            new SandboxAudio.Utterance(4.0, 7.0, SandboxAudio.CLIENT, "Сәлеметсіз бе, хочу записаться к терапевту."),
            new SandboxAudio.Utterance(12.0, 15.0, SandboxAudio.OPERATOR, "Записала вас на десять тридцать."));

    @Test
    void mp3IsAStreamOfValidMpeg1Layer3FramesOfTheRequestedLength() {
        byte[] mp3 = SandboxAudio.mp3(DIALOGUE, 20);
        assertThat(mp3.length % 144).isZero();
        for (int pos = 0; pos < mp3.length; pos += 144) {
            // Sync, MPEG-1, Layer III, no CRC; 32 kbit/s, 32 kHz, no padding; mono.
            assertThat(Arrays.copyOfRange(mp3, pos, pos + 4)).containsExactly(0xFF, 0xFB, 0x18, 0xC4);
            // Side information all zero: the decoder reads no main data and plays silence.
            assertThat(Arrays.copyOfRange(mp3, pos + 4, pos + 21)).containsOnly(0);
        }
        assertThat(SandboxAudio.secondsOf(mp3).orElseThrow()).isBetween(20.0, 20.04);
    }

    @Test
    void mp3CarriesItsUtterancesWithSpeakersAndTimes() {
        byte[] mp3 = SandboxAudio.mp3(DIALOGUE, 20);
        assertThat(SandboxAudio.transcriptOf(mp3)).hasValue("Здравствуйте, клиника ClinicAI.\n"
                + "Сәлеметсіз бе, хочу записаться к терапевту.\nЗаписала вас на десять тридцать.");
        List<SandboxAudio.Utterance> speech = SandboxAudio.speechOf(mp3).orElseThrow();
        assertThat(speech).extracting(SandboxAudio.Utterance::speaker)
                .containsExactly(SandboxAudio.OPERATOR, SandboxAudio.CLIENT, SandboxAudio.OPERATOR);
        assertThat(speech.get(1).start()).isBetween(3.95, 4.05);
        assertThat(speech.get(2).start()).isBetween(11.95, 12.05);
    }

    @Test
    void anMp3SplitOnFrameBoundariesGivesEachPartTheWordsOfItsTimeSlice() {
        byte[] mp3 = SandboxAudio.mp3(DIALOGUE, 20);
        int cut = (int) Math.floor(10 / (1152.0 / 32_000)) * 144;
        byte[] first = Arrays.copyOfRange(mp3, 0, cut);
        byte[] second = Arrays.copyOfRange(mp3, cut, mp3.length);
        assertThat(SandboxAudio.transcriptOf(first)).hasValue(
                "Здравствуйте, клиника ClinicAI.\nСәлеметсіз бе, хочу записаться к терапевту.");
        assertThat(SandboxAudio.transcriptOf(second)).hasValue("Записала вас на десять тридцать.");
        // A cut inside an utterance splits its words between the parts, none lost and none doubled.
        int mid = (int) Math.floor(5.5 / (1152.0 / 32_000)) * 144;
        String a = SandboxAudio.transcriptOf(Arrays.copyOfRange(mp3, 0, mid)).orElseThrow();
        String b = SandboxAudio.transcriptOf(Arrays.copyOfRange(mp3, mid, mp3.length)).orElseThrow();
        assertThat(a).startsWith("Здравствуйте").doesNotContain("тридцать");
        assertThat((a + " " + b).replace("\n", " ")).isEqualTo("Здравствуйте, клиника ClinicAI. Сәлеметсіз бе, "
                + "хочу записаться к терапевту. Записала вас на десять тридцать.");
    }

    @Test
    void silentMp3ReadsAsSandboxAudioWithNoSpeech() {
        byte[] mp3 = SandboxAudio.mp3(List.of(), 5);
        assertThat(SandboxAudio.transcriptOf(mp3)).hasValue("");
        assertThat(SandboxAudio.speechOf(mp3).orElseThrow()).isEmpty();
    }

    @Test
    void anHourOfSpeechStaysSmallAndKeepsEveryWord() {
        List<SandboxAudio.Utterance> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 180; i++) {
            lines.add(new SandboxAudio.Utterance(i * 20, i * 20 + 12, i % 2 == 0 ? SandboxAudio.OPERATOR
                    : SandboxAudio.CLIENT, "Реплика номер " + i + " о приёме невролога и МРТ."));
        }
        byte[] mp3 = SandboxAudio.mp3(lines, 3600);
        assertThat(mp3.length).isBetween(14_000_000, 14_500_000);
        assertThat(SandboxAudio.transcriptOf(mp3).orElseThrow().lines()).hasSize(180)
                .contains("Реплика номер 179 о приёме невролога и МРТ.");
    }

    @Test
    void wavStillCarriesItsTranscriptAndOtherAudioHasNone() {
        byte[] wav = SandboxAudio.wav("Хочу записаться на четверг", 1.5);
        assertThat(SandboxAudio.transcriptOf(wav)).hasValue("Хочу записаться на четверг");
        assertThat(SandboxAudio.secondsOf(wav).orElseThrow()).isEqualTo(1.5);
        assertThat(SandboxAudio.transcriptOf(new byte[] {1, 2, 3, 4, 5})).isEmpty();
        byte[] foreignMp3 = new byte[288];
        foreignMp3[0] = (byte) 0xFF;
        foreignMp3[1] = (byte) 0xFB;
        foreignMp3[2] = (byte) 0x18;
        foreignMp3[3] = (byte) 0xC4;
        foreignMp3[144] = (byte) 0xFF;
        foreignMp3[145] = (byte) 0xFB;
        foreignMp3[146] = (byte) 0x18;
        foreignMp3[147] = (byte) 0xC4;
        assertThat(SandboxAudio.transcriptOf(foreignMp3)).isEmpty();
    }
}
