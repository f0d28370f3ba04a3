package kz.clinicai.analytics.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTrackTest {

    @TempDir
    Path dir;

    /** fmt chunk body: format tag, channels, rate, bits. */
    private static byte[] fmt(int tag, int channels, int rate, int bits) {
        ByteBuffer f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        int align = channels * bits / 8;
        f.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align).putShort((short) align)
                .putShort((short) bits);
        return f.array();
    }

    /** 8 kHz 16-bit mono: a 300 Hz tone of amplitude 8000 from 1.0 to 2.0 s, digital silence elsewhere; 3 s. */
    private Path toneWav(Path file) throws IOException {
        int rate = 8000;
        ByteBuffer pcm = ByteBuffer.allocate(3 * rate * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3 * rate; i++) {
            double t = i / (double) rate;
            pcm.putShort((short) (t >= 1 && t < 2 ? 8000 * Math.sin(2 * Math.PI * 300 * t) : 0));
        }
        // A LIST chunk before the data, as many recorders write: it must be skipped, not read as samples.
        byte[] list = "LIST\u0004\0\0\0INFO".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] head = WavTrack.header(fmt(1, 1, rate, 16), pcm.capacity());
        ByteBuffer riffSize = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(head.length - 8 + list.length + pcm.capacity());
        byte[] out = new byte[head.length + list.length + pcm.capacity()];
        System.arraycopy(head, 0, out, 0, 36);
        System.arraycopy(riffSize.array(), 0, out, 4, 4);
        System.arraycopy(list, 0, out, 36, list.length);
        System.arraycopy(head, 36, out, 36 + list.length, 8);
        System.arraycopy(pcm.array(), 0, out, 44 + list.length, pcm.capacity());
        return Files.write(file, out);
    }

    @Test
    void framesAreMeasuredWhereTheToneIsAndSilenceIsFarBelow() throws IOException {
        WavTrack track = WavTrack.open(toneWav(dir.resolve("a.wav"))).orElseThrow();

        assertThat(track.seconds()).isCloseTo(3.0, offset(1e-9));
        float[] levels = track.frameLevels(0.02);
        assertThat(levels).hasSize(150);
        // A sine of amplitude 8000: mean square (8000/32768)²/2 → -15.2 dBFS.
        assertThat(levels[75]).isCloseTo(-15.2f, offset(0.3f));
        assertThat(levels[10]).isEqualTo(-120f);
        assertThat(levels[140]).isEqualTo(-120f);
    }

    @Test
    void aCutIsAWavOfItsOwnWithExactlyThatTimeSpan() throws IOException {
        WavTrack track = WavTrack.open(toneWav(dir.resolve("a.wav"))).orElseThrow();
        Path cut = dir.resolve("cut.wav");

        track.cut(0.9, 2.1, cut);

        WavTrack part = WavTrack.open(cut).orElseThrow();
        assertThat(part.seconds()).isCloseTo(1.2, offset(1e-3));
        assertThat(Files.size(cut)).isEqualTo(44 + 9600 * 2);
        float[] levels = part.frameLevels(0.02);
        assertThat(levels[0]).isEqualTo(-120f); // 0.9–0.92 s: before the tone
        assertThat(levels[30]).isCloseTo(-15.2f, offset(0.3f));
    }

    @Test
    void aLawAndStereoAreReadToo() throws IOException {
        // A-law 0xD5 is the smallest positive step (≈ +8/32768), 0xAA a loud one (≈ +5504/32768 ... any loud code).
        byte[] data = new byte[8000 * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i < 8000 ? 0xD5 : 0xAA);
        }
        Path file = dir.resolve("alaw.wav");
        Files.write(file, concat(WavTrack.header(fmt(6, 2, 4000, 8), data.length), data));
        WavTrack track = WavTrack.open(file).orElseThrow();

        assertThat(track.seconds()).isCloseTo(2.0, offset(1e-9));
        float[] levels = track.frameLevels(0.02);
        assertThat(levels[0]).isLessThan(-70f);
        assertThat(levels[levels.length - 1]).isGreaterThan(-25f);
    }

    @Test
    void anythingElseIsNotATrack() throws IOException {
        assertThat(WavTrack.open(Files.write(dir.resolve("x.mp3"), new byte[] {(byte) 0xFF, (byte) 0xFB, 0, 0}))).isEmpty();
        // ADPCM (tag 2) cannot be measured without decoding it.
        byte[] adpcm = concat(WavTrack.header(fmt(2, 1, 8000, 4), 100), new byte[100]);
        assertThat(WavTrack.open(Files.write(dir.resolve("adpcm.wav"), adpcm))).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
