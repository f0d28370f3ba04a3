package kz.clinicai.local.sandbox.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WavSpeechTest {

    private static final int RATE = 8000;

    private static final List<SandboxAudio.Utterance> OPERATOR_LINES = List.of(
            new SandboxAudio.Utterance(0.5, 3.0, SandboxAudio.OPERATOR, "Здравствуйте, клиника ClinicAI."),
            new SandboxAudio.Utterance(8.0, 11.5, SandboxAudio.OPERATOR, "Записала вас на десять тридцать."),
            new SandboxAudio.Utterance(16.0, 17.0, SandboxAudio.OPERATOR, "Ждём вас."));
    private static final List<SandboxAudio.Utterance> CLIENT_LINES = List.of(
            new SandboxAudio.Utterance(3.5, 7.5, SandboxAudio.CLIENT, "Сәлеметсіз бе, хочу записаться к терапевту."),
            new SandboxAudio.Utterance(12.0, 15.0, SandboxAudio.CLIENT, "Спасибо, до свидания."));

    @Test
    void aTrackIsAPlain44BytePcm16MonoWavAndReadsBackWithTimes() {
        byte[] wav = SandboxAudio.wavTrack(OPERATOR_LINES, CLIENT_LINES, 20);
        ByteBuffer h = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(h.getInt(4)).isEqualTo(wav.length - 8);
        assertThat(new String(wav, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(h.getInt(16)).isEqualTo(16);
        assertThat(h.getShort(20)).isEqualTo((short) 1);
        assertThat(h.getShort(22)).isEqualTo((short) 1);
        assertThat(h.getInt(24)).isEqualTo(RATE);
        assertThat(h.getInt(28)).isEqualTo(RATE * 2);
        assertThat(h.getShort(32)).isEqualTo((short) 2);
        assertThat(h.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(wav, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        assertThat(h.getInt(40)).isEqualTo(20 * RATE * 2).isEqualTo(wav.length - 44);
        assertThat(SandboxAudio.secondsOf(wav)).hasValue(20.0);

        List<SandboxAudio.Utterance> speech = SandboxAudio.speechOf(wav).orElseThrow();
        assertThat(speech).extracting(SandboxAudio.Utterance::text).containsExactly("Здравствуйте, клиника ClinicAI.",
                "Записала вас на десять тридцать.", "Ждём вас.");
        for (int i = 0; i < speech.size(); i++) {
            assertThat(speech.get(i).start()).isCloseTo(OPERATOR_LINES.get(i).start(), within(0.005));
            assertThat(speech.get(i).end()).isCloseTo(OPERATOR_LINES.get(i).end(), within(0.005));
            assertThat(speech.get(i).speaker()).isNull();
        }
        assertThat(SandboxAudio.transcriptOf(wav)).hasValue(
                "Здравствуйте, клиника ClinicAI.\nЗаписала вас на десять тридцать.\nЖдём вас.");
        assertThat(SandboxAudio.wavTrack(OPERATOR_LINES, CLIENT_LINES, 20)).isEqualTo(wav);
    }

    @Test
    void levelsAreSpeechSilenceAndFaintCrosstalk() {
        byte[] wav = SandboxAudio.wavTrack(OPERATOR_LINES, CLIENT_LINES, 20);
        // Silence (0–0.5 s): low noise, nothing in the LSBs.
        assertThat(peak(wav, 0, 0.5)).isBetween(20, 30);
        assertThat(lsbOnes(wav, 0, 0.5)).isZero();
        // Crosstalk only (the client's 3.5–7.5 s): about -50 dBFS, nothing in the LSBs.
        assertThat(peak(wav, 3.6, 7.4)).isBetween(90, 135);
        assertThat(lsbOnes(wav, 3.6, 7.4)).isZero();
        // Own speech (0.5–3 s): peak about -13 dBFS, RMS about -18 dBFS, the payload in the LSBs.
        assertThat(peak(wav, 0.5, 3.0)).isBetween(6000, 8000);
        assertThat(dbfs(rms(wav, 0.6, 2.9))).isBetween(-20.0, -15.0);
        assertThat(lsbOnes(wav, 0.6, 2.9)).isPositive();
    }

    @Test
    void aCutAtAnySampleBetweenUtterancesYieldsExactlyTheUtterancesInsideIt() {
        byte[] wav = SandboxAudio.wavTrack(OPERATOR_LINES, CLIENT_LINES, 20);
        Random random = new Random(42);
        // Gaps without own speech: 0–0.5, 3.0–8.0 (client crosstalk inside), 11.5–16, 17–20 s.
        double[][] gaps = {{0, 0.5}, {3.0, 8.0}, {11.5, 16.0}, {17.0, 20.0}};
        for (int round = 0; round < 40; round++) {
            int a = random.nextInt(gaps.length);
            int b = a + random.nextInt(gaps.length - a);
            int from = sampleIn(random, gaps[a]);
            int to = Math.max(from + 1, sampleIn(random, gaps[b]));
            byte[] part = cut(wav, from, to);
            List<SandboxAudio.Utterance> expected = OPERATOR_LINES.subList(a, b);
            List<SandboxAudio.Utterance> speech = SandboxAudio.speechOf(part).orElseThrow();
            assertThat(speech).extracting(SandboxAudio.Utterance::text)
                    .containsExactlyElementsOf(expected.stream().map(SandboxAudio.Utterance::text).toList());
            for (int i = 0; i < speech.size(); i++) {
                assertThat(speech.get(i).start()).isCloseTo(expected.get(i).start() - from / (double) RATE,
                        within(0.005));
            }
        }
    }

    @Test
    void aCutThroughAnUtteranceKeepsItOnBothSidesWithTheirShareOfItsTime() {
        byte[] wav = SandboxAudio.wavTrack(OPERATOR_LINES, CLIENT_LINES, 20);
        int cut = 9 * RATE + 1234;
        List<SandboxAudio.Utterance> left = SandboxAudio.speechOf(cut(wav, 0, cut)).orElseThrow();
        List<SandboxAudio.Utterance> right = SandboxAudio.speechOf(cut(wav, cut, 20 * RATE)).orElseThrow();
        assertThat(left).extracting(SandboxAudio.Utterance::text).containsExactly("Здравствуйте, клиника ClinicAI.",
                "Записала вас на десять тридцать.");
        assertThat(left.get(1).start()).isCloseTo(8.0, within(0.005));
        assertThat(left.get(1).end()).isCloseTo(cut / (double) RATE, within(0.005));
        assertThat(right).extracting(SandboxAudio.Utterance::text).containsExactly("Записала вас на десять тридцать.",
                "Ждём вас.");
        assertThat(right.get(0).start()).isCloseTo(0.0, within(0.005));
        assertThat(right.get(0).end()).isCloseTo(11.5 - cut / (double) RATE, within(0.005));
    }

    @Test
    void randomCutsOfRandomSpeechShowEveryUtteranceThatHoldsAWholeCopyAndNoOther() {
        Random random = new Random(7);
        String alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі ABCxyz0123456789,.?!😀";
        int[] letters = alphabet.codePoints().toArray();
        List<SandboxAudio.Utterance> own = new ArrayList<>();
        List<SandboxAudio.Utterance> other = new ArrayList<>();
        double t = 0.3;
        for (int i = 0; i < 60; i++) {
            StringBuilder text = new StringBuilder("x");
            for (int k = random.nextInt(120); k > 0; k--) {
                text.appendCodePoint(letters[random.nextInt(letters.length)]);
            }
            double seconds = 0.6 + random.nextDouble() * 4;
            own.add(new SandboxAudio.Utterance(t, t + seconds, null, text.toString().strip()));
            other.add(new SandboxAudio.Utterance(t + seconds + 0.1, t + seconds + 0.9, null, "Ответ " + i));
            t += seconds + 0.2 + random.nextDouble() * 2;
        }
        byte[] wav = SandboxAudio.wavTrack(own, other, t);
        List<SandboxAudio.Utterance> spans = SandboxAudio.speechOf(wav).orElseThrow();
        assertThat(spans).extracting(SandboxAudio.Utterance::text)
                .containsExactlyElementsOf(own.stream().map(SandboxAudio.Utterance::text).toList());
        int n = (wav.length - 44) / 2;
        for (int round = 0; round < 60; round++) {
            int from = random.nextInt(n);
            int to = from + 1 + random.nextInt(Math.min(n - from, 20 * RATE));
            List<String> expected = new ArrayList<>();
            for (SandboxAudio.Utterance u : spans) {
                // Copies start every payload length from the utterance's start; one must lie wholly in the part.
                int start = (int) Math.round(u.start() * RATE);
                int end = (int) Math.round(u.end() * RATE);
                int copy = (u.text().getBytes(StandardCharsets.UTF_8).length + 7) * 8;
                int first = start + Math.max(0, Math.ceilDiv(from - start, copy)) * copy;
                if (first + copy <= Math.min(to, end)) {
                    expected.add(u.text());
                }
            }
            assertThat(SandboxAudio.speechOf(cut(wav, from, to)).orElseThrow())
                    .extracting(SandboxAudio.Utterance::text).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aCutOfSilenceAndCrosstalkTranscribesToNothing() {
        byte[] wav = SandboxAudio.wavTrack(OPERATOR_LINES, CLIENT_LINES, 20);
        byte[] part = cut(wav, (int) (3.1 * RATE), (int) (7.9 * RATE));
        assertThat(SandboxAudio.transcriptOf(part)).hasValue("");
        assertThat(SandboxAudio.speechOf(part).orElseThrow()).isEmpty();
        // A track of only the other party's speech, too.
        byte[] client = SandboxAudio.wavTrack(List.of(), CLIENT_LINES, 20);
        assertThat(SandboxAudio.transcriptOf(client)).hasValue("");
    }

    @Test
    void anUtteranceTooShortForOneCopyIsLengthenedToOneAndTheTrackGrowsIfItMust() {
        String text = "Очень длинная реплика, сказанная слишком быстро для своей длины, ".repeat(10).strip();
        double copySeconds = (text.getBytes(StandardCharsets.UTF_8).length + 7) * 8 / (double) RATE;
        assertThat(copySeconds).isGreaterThan(1.0);
        byte[] wav = SandboxAudio.wavTrack(List.of(
                new SandboxAudio.Utterance(0.2, 0.3, null, text),
                new SandboxAudio.Utterance(0.5, 0.9, null, "Да."),
                new SandboxAudio.Utterance(2.9, 3.0, null, "Нет.")), List.of(), 3);
        List<SandboxAudio.Utterance> speech = SandboxAudio.speechOf(wav).orElseThrow();
        assertThat(speech).extracting(SandboxAudio.Utterance::text).containsExactly(text, "Да.", "Нет.");
        assertThat(speech.get(0).end()).isCloseTo(0.2 + copySeconds, within(0.005));
        // The next line starts 10 ms after the lengthened one ends; the last still fits as a whole copy.
        assertThat(speech.get(1).start()).isCloseTo(0.2 + copySeconds + 0.01, within(0.001));
        assertThat(speech.get(2).start()).isCloseTo(2.9, within(0.005));
        assertThat(SandboxAudio.secondsOf(wav).orElseThrow()).isEqualTo(3.0);
        byte[] longer = SandboxAudio.wavTrack(List.of(new SandboxAudio.Utterance(2.95, 3.0, null, text)), List.of(), 3);
        assertThat(SandboxAudio.secondsOf(longer).orElseThrow()).isCloseTo(2.95 + copySeconds, within(0.001));
        assertThat(SandboxAudio.transcriptOf(longer)).hasValue(text);
    }

    @Test
    void theSameLineSaidTwiceIsTwoUtterances() {
        byte[] wav = SandboxAudio.wavTrack(List.of(new SandboxAudio.Utterance(1, 2, null, "Алло?"),
                new SandboxAudio.Utterance(4, 5, null, "Алло?")), List.of(), 6);
        assertThat(SandboxAudio.speechOf(wav).orElseThrow()).extracting(SandboxAudio.Utterance::start)
                .containsExactly(1.0, 4.0);
    }

    @Test
    void chunksAreFoundWhereverTheyAreAndOtherWavsReadAsSilence() {
        byte[] wav = SandboxAudio.wavTrack(OPERATOR_LINES, List.of(), 20);
        // A LIST chunk (not a sandbox comment) between fmt and data, and an odd-sized chunk with its pad byte.
        byte[] list = chunk("LIST", "INFOISFT\u0005\0\0\0Lavf\0\0".getBytes(StandardCharsets.ISO_8859_1));
        byte[] odd = chunk("junk", new byte[] {1, 2, 3});
        byte[] moved = concat(Arrays.copyOfRange(wav, 0, 36), list, odd, Arrays.copyOfRange(wav, 36, wav.length));
        ByteBuffer.wrap(moved).order(ByteOrder.LITTLE_ENDIAN).putInt(4, moved.length - 8);
        assertThat(SandboxAudio.transcriptOf(moved)).isEqualTo(SandboxAudio.transcriptOf(wav));
        // A data size beyond the end (a truncated download) reads what is there.
        assertThat(SandboxAudio.transcriptOf(Arrays.copyOf(wav, 44 + 4 * RATE * 2)))
                .hasValue("Здравствуйте, клиника ClinicAI.");
        // PCM that is not 16-bit mono carries no sandbox speech: silence, as for noise.
        byte[] stereo = wav.clone();
        ByteBuffer.wrap(stereo).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 2);
        assertThat(SandboxAudio.transcriptOf(stereo)).hasValue("");
        // Not PCM (format 3, float) and not audio at all: not sandbox audio.
        byte[] floats = wav.clone();
        ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 3);
        assertThat(SandboxAudio.transcriptOf(floats)).isEmpty();
        assertThat(SandboxAudio.transcriptOf("RIFF....WAVE".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        // The commented WAVs of Voximplant turns and speech keep their transcript, cut or not.
        byte[] commented = SandboxAudio.wav("Хочу записаться на четверг", 1.5);
        assertThat(SandboxAudio.transcriptOf(commented)).hasValue("Хочу записаться на четверг");
        int data = indexOf(commented, "data") + 8;
        assertThat(SandboxAudio.transcriptOf(cut(commented, data, 0, 8000))).hasValue("");
    }

    @Test
    void anHourLongTrackDecodesQuicklyAndCompletely() {
        List<SandboxAudio.Utterance> own = new ArrayList<>();
        List<SandboxAudio.Utterance> other = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            own.add(new SandboxAudio.Utterance(i * 20, i * 20 + 8, null, "Реплика номер " + i + " о приёме невролога."));
            other.add(new SandboxAudio.Utterance(i * 20 + 10, i * 20 + 18, null, "Ответ " + i));
        }
        long built = System.nanoTime();
        byte[] wav = SandboxAudio.wavTrack(own, other, 3600);
        long decoded = System.nanoTime();
        List<SandboxAudio.Utterance> speech = SandboxAudio.speechOf(wav).orElseThrow();
        long done = System.nanoTime();
        assertThat(wav.length).isEqualTo(44 + 3600 * RATE * 2);
        assertThat(speech).hasSize(180);
        assertThat(speech.get(179).text()).isEqualTo("Реплика номер 179 о приёме невролога.");
        assertThat(speech.get(179).start()).isCloseTo(3580.0, within(0.005));
        // Printed, not asserted: wall-clock times depend on the machine.
        System.out.printf("60-minute track: encode %d ms, decode %d ms%n", (decoded - built) / 1_000_000,
                (done - decoded) / 1_000_000);
    }

    // ------------------------------------------------------------------ helpers

    private static int sampleIn(Random random, double[] gap) {
        int from = (int) Math.ceil(gap[0] * RATE);
        int to = (int) Math.floor(gap[1] * RATE);
        return from + random.nextInt(Math.max(1, to - from));
    }

    /** Samples [from, to) of a track written with a fresh 44-byte header, as a splitter writes its parts. */
    static byte[] cut(byte[] wav, int from, int to) {
        return cut(wav, 44, from, to);
    }

    private static byte[] cut(byte[] wav, int dataAt, int from, int to) {
        int bytes = (to - from) * 2;
        ByteBuffer out = ByteBuffer.allocate(44 + bytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + bytes).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(bytes)
                .put(wav, dataAt + from * 2, bytes);
        return out.array();
    }

    private static short sample(byte[] wav, int i) {
        return ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getShort(44 + 2 * i);
    }

    private static int peak(byte[] wav, double from, double to) {
        int peak = 0;
        for (int i = (int) (from * RATE); i < (int) (to * RATE); i++) {
            peak = Math.max(peak, Math.abs(sample(wav, i)));
        }
        return peak;
    }

    private static double rms(byte[] wav, double from, double to) {
        double sum = 0;
        int n = 0;
        for (int i = (int) (from * RATE); i < (int) (to * RATE); i++, n++) {
            sum += sample(wav, i) * (double) sample(wav, i);
        }
        return Math.sqrt(sum / n);
    }

    private static double dbfs(double amplitude) {
        return 20 * Math.log10(amplitude / 32768);
    }

    private static int lsbOnes(byte[] wav, double from, double to) {
        int ones = 0;
        for (int i = (int) (from * RATE); i < (int) (to * RATE); i++) {
            ones += sample(wav, i) & 1;
        }
        return ones;
    }

    private static byte[] chunk(String id, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(8 + payload.length + (payload.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return out.array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
