package kz.clinicai.analytics.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioSplitterTest {

    @TempDir
    Path dir;

    /** MPEG-1 Layer III, 32 kbps, 44.1 kHz, no padding: 104-byte frames of 1152 samples (26.1 ms). */
    private static byte[] mp3(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // An ID3v2 tag first, as many encoders write one.
        out.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 10});
        out.writeBytes(new byte[10]);
        for (int i = 0; i < frames; i++) {
            byte[] frame = new byte[104];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x10;
            frame[3] = (byte) 0xC4;
            frame[4] = (byte) i;
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    @Test
    void mp3IsCutBetweenFramesIntoPartsWithinTheLimits() throws Exception {
        Path file = dir.resolve("call.mp3");
        Files.write(file, mp3(1000));
        // 1000 frames = 26.1 s; parts of at most 10 s.
        List<AudioSplitter.Part> parts = new AudioSplitter(1_000_000, 10).split(file, "mp3");
        assertThat(parts).hasSize(3);
        double total = 0;
        long bytes = 0;
        for (AudioSplitter.Part p : parts) {
            assertThat(p.seconds()).isLessThanOrEqualTo(10.0);
            byte[] b = Files.readAllBytes(p.file());
            assertThat(b.length % 104).isZero();
            assertThat(b[0] & 0xff).isEqualTo(0xFF);
            total += p.seconds();
            bytes += b.length;
        }
        assertThat(total).isCloseTo(1000 * 1152 / 44100.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(bytes).isEqualTo(1000 * 104);
        // The frames stay in order: the first frame of part 2 follows the last of part 1.
        byte[] second = Files.readAllBytes(parts.get(1).file());
        int firstOfSecond = second[4] & 0xff;
        assertThat(firstOfSecond).isEqualTo((int) (Files.size(parts.get(0).file()) / 104) % 256);
    }

    @Test
    void bytesLimitAlsoCuts() throws Exception {
        Path file = dir.resolve("big.mp3");
        Files.write(file, mp3(100));
        List<AudioSplitter.Part> parts = new AudioSplitter(104 * 30, 3600).split(file, "mp3");
        assertThat(parts).hasSize(4);
        assertThat(Files.size(parts.get(0).file())).isEqualTo(104 * 30);
    }

    @Test
    void aShortFileIsItsOwnOnlyPart() throws Exception {
        Path file = dir.resolve("short.mp3");
        Files.write(file, mp3(10));
        List<AudioSplitter.Part> parts = new AudioSplitter(1_000_000, 1200).split(file, "mp3");
        assertThat(parts).singleElement().satisfies(p -> assertThat(p.file()).isEqualTo(file));
    }

    @Test
    void wavIsCutIntoPartsWithTheirOwnHeaders() throws Exception {
        int rate = 8000;
        int samples = rate * 25;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
        Path file = dir.resolve("call.wav");
        Files.write(file, wav.array());
        List<AudioSplitter.Part> parts = new AudioSplitter(1_000_000, 10).split(file, "wav");
        assertThat(parts).extracting(AudioSplitter.Part::seconds).containsExactly(10.0, 10.0, 5.0);
        byte[] first = Files.readAllBytes(parts.get(0).file());
        assertThat(new String(first, 0, 4)).isEqualTo("RIFF");
        assertThat(ByteBuffer.wrap(first, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(rate * 2 * 10);
    }
}
