package kz.clinicai.local.sandbox.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The speech simulator's audio decodes with a real decoder (sox with libsox-fmt-mp3, DESIGN §6 "Test audio"). */
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
    void mp3DecodesToTheSpokenLengthAndCarriesItsText() throws Exception {
        byte[] mp3 = SpeechAudio.mp3("Ваша запись подтверждена", 1.2);
        Path file = dir.resolve("speech.mp3");
        Files.write(file, mp3);
        assertThat(soxSeconds(file)).isBetween(1.1, 1.3);
        assertThat(SpeechAudio.mp3Seconds(mp3)).isBetween(1.2, 1.25);
        assertThat(SpeechAudio.transcriptOf(mp3)).contains("Ваша запись подтверждена");
    }

    @Test
    void flacDecodesToTheSpokenLength() throws Exception {
        Path file = dir.resolve("speech.flac");
        Files.write(file, SpeechAudio.flac(2.0));
        assertThat(soxSeconds(file)).isEqualTo(2.0);
    }
}
