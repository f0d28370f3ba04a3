package kz.clinicai.local.sandbox.openai;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Audio formats of the speech simulator beyond the sandbox's shared recordings: raw PCM (24 kHz, 16-bit signed
 * little-endian mono, as the API's {@code pcm} format) and FLAC (silence in CONSTANT subframes), plus the length of
 * any MPEG Layer III upload from its frame headers. MP3 and WAV, which carry their text, come from {@link kz.clinicai.local.sandbox.audio.SandboxAudio}.
 */
final class SpeechAudio {

    static final int SAMPLE_RATE = 24_000;

    private SpeechAudio() {
    }

    static byte[] pcm(double seconds) {
        int samples = (int) Math.max(1, Math.round(seconds * SAMPLE_RATE));
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (800 * Math.sin(2 * Math.PI * 440 * i / SAMPLE_RATE)));
        }
        return pcm.array();
    }

    /** FLAC samples per block (block size code 12 = 4096). */
    private static final int FLAC_BLOCK = 4096;

    /**
     * A FLAC stream of silence: STREAMINFO (24 kHz, mono, 16 bit), then fixed-blocksize frames of 4096 samples, each
     * one CONSTANT subframe of value 0, with the header CRC-8 and frame CRC-16 the format requires.
     */
    static byte[] flac(double seconds) {
        long total = Math.max(1, Math.round(seconds * SAMPLE_RATE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("fLaC".getBytes(StandardCharsets.US_ASCII));
        out.write(0x80); // last metadata block, type 0 (STREAMINFO)
        out.write(0);
        out.write(0);
        out.write(34);
        ByteBuffer info = ByteBuffer.allocate(34);
        info.putShort((short) FLAC_BLOCK).putShort((short) FLAC_BLOCK);
        info.put(new byte[6]); // min/max frame size unknown
        // 20 bits sample rate, 3 bits channels-1 (0), 5 bits bits-per-sample-1 (15), 36 bits total samples
        long packed = ((long) SAMPLE_RATE << 44) | (15L << 36) | total;
        info.putLong(packed);
        info.put(new byte[16]); // MD5 unknown
        out.writeBytes(info.array());
        long frameNumber = 0;
        for (long done = 0; done < total; done += FLAC_BLOCK, frameNumber++) {
            int block = (int) Math.min(FLAC_BLOCK, total - done);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0xFF);
            frame.write(0xF8); // sync, fixed block size
            boolean full = block == FLAC_BLOCK;
            frame.write(((full ? 0b1100 : 0b0111) << 4) | 0b0111); // block size code | 24 kHz
            frame.write(0b0000_100_0); // mono | 16 bit
            frame.writeBytes(utf8Number(frameNumber));
            if (!full) {
                frame.write(((block - 1) >> 8) & 0xFF);
                frame.write((block - 1) & 0xFF);
            }
            frame.write(crc8(frame.toByteArray()));
            frame.write(0x00); // subframe: CONSTANT, no wasted bits
            frame.write(0x00);
            frame.write(0x00); // the constant sample value, 16 bits
            int crc = crc16(frame.toByteArray());
            frame.write((crc >> 8) & 0xFF);
            frame.write(crc & 0xFF);
            out.writeBytes(frame.toByteArray());
        }
        return out.toByteArray();
    }

    /** FLAC's "UTF-8" coding of a frame number. */
    private static byte[] utf8Number(long n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        int bytes = n < 0x800 ? 2 : n < 0x10000 ? 3 : n < 0x200000 ? 4 : n < 0x4000000 ? 5 : 6;
        byte[] out = new byte[bytes];
        for (int i = bytes - 1; i > 0; i--) {
            out[i] = (byte) (0x80 | (n & 0x3F));
            n >>= 6;
        }
        out[0] = (byte) ((0xFF00 >> bytes) | n);
        return out;
    }

    private static int crc8(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    private static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }

    /** Size of a leading ID3v2 tag (header included), 0 when there is none. */
    static int id3Length(byte[] audio) {
        if (audio.length < 10 || audio[0] != 'I' || audio[1] != 'D' || audio[2] != '3') {
            return 0;
        }
        int size = ((audio[6] & 0x7F) << 21) | ((audio[7] & 0x7F) << 14) | ((audio[8] & 0x7F) << 7) | (audio[9] & 0x7F);
        return Math.min(audio.length, 10 + size);
    }

    /**
     * Seconds of an MPEG audio (Layer III) stream by walking its frame headers after any ID3 tag; -1 when the bytes
     * hold no frame.
     */
    static double mp3Seconds(byte[] audio) {
        int pos = id3Length(audio);
        double seconds = 0;
        int frames = 0;
        while (pos + 4 <= audio.length) {
            int b1 = audio[pos + 1] & 0xFF;
            int b2 = audio[pos + 2] & 0xFF;
            if ((audio[pos] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0 || ((b1 >> 1) & 3) != 1) {
                break;
            }
            int version = (b1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
            int bitrateIndex = b2 >> 4;
            int rateIndex = (b2 >> 2) & 3;
            if (version == 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
                break;
            }
            int[] rates = version == 3 ? new int[] {44100, 48000, 32000} : version == 2 ? new int[] {22050, 24000, 16000}
                    : new int[] {11025, 12000, 8000};
            int[] bitrates = version == 3
                    ? new int[] {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}
                    : new int[] {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
            int rate = rates[rateIndex];
            int samples = version == 3 ? 1152 : 576;
            int length = samples / 8 * bitrates[bitrateIndex] * 1000 / rate + ((b2 >> 1) & 1);
            seconds += samples / (double) rate;
            frames++;
            pos += length;
        }
        return frames == 0 ? -1 : seconds;
    }
}
