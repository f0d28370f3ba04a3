package kz.clinicai.local.sandbox.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import kz.clinicai.local.sandbox.audio.SandboxAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio of the speech simulator decodes with a real decoder (sox with libsox-fmt-mp3, DESIGN §6 "Test audio"). */
class SpeechAudioTest {

    @TempDir
    Path dir;

    /** sox's own reading of the file: its "Length (seconds)" line. */
    private double soxSeconds(Path file) throws IOException, InterruptedException {
        Process sox = new ProcessBuilder("sox", file.toString(), "-n", "stat").redirectErrorStream(true).start();
        String out = new String(sox.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sox.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sox.exitValue()).as(out).isZero();
        String line = out.lines().filter(l -> l.startsWith("Length (seconds)")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
    }

    @Test
    void theFrameWalkerMeasuresMpeg1AndMpeg2Streams() throws Exception {
        // The sandbox's own MP3 (MPEG-1, 32 kHz): sox and the frame walker agree on its length.
        byte[] sandbox = SandboxAudio.mp3("Ваша запись подтверждена", 1.2);
        Path file = dir.resolve("speech.mp3");
        Files.write(file, sandbox);
        assertThat(soxSeconds(file)).isBetween(1.1, 1.3);
        assertThat(SpeechAudio.mp3Seconds(sandbox)).isBetween(1.15, 1.25);
        // An MPEG-2 stream (24 kHz, 32 kbit/s: 96-byte frames of 24 ms) behind an ID3 tag, as other encoders write.
        byte[] tag = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 2, 0, 0};
        byte[] mpeg2 = new byte[tag.length + 50 * 96];
        System.arraycopy(tag, 0, mpeg2, 0, tag.length);
        for (int f = 0; f < 50; f++) {
            int at = tag.length + f * 96;
            mpeg2[at] = (byte) 0xFF;
            mpeg2[at + 1] = (byte) 0xF3;
            mpeg2[at + 2] = (byte) 0x44;
            mpeg2[at + 3] = (byte) 0xC0;
        }
        assertThat(SpeechAudio.mp3Seconds(mpeg2)).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        Path other = dir.resolve("mpeg2.mp3");
        Files.write(other, mpeg2);
        assertThat(soxSeconds(other)).isBetween(1.1, 1.3);
        assertThat(SpeechAudio.mp3Seconds(new byte[] {1, 2, 3})).isEqualTo(-1);
    }

    @Test
    void flacDecodesToTheSpokenLength() throws Exception {
        Path file = dir.resolve("speech.flac");
        Files.write(file, SpeechAudio.flac(2.0));
        assertThat(soxSeconds(file)).isEqualTo(2.0);
    }
}
