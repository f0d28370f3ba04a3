package kz.clinicai.analytics.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import kz.clinicai.analytics.Fixtures;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStatus;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.shared.usage.UsageRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CallTranscriptionTest {

    @RegisterExtension
    static WireMockExtension openai = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private final InMemoryRecordingStore files = new InMemoryRecordingStore();
    private CallTranscription transcription;
    private final Profile profile = Fixtures.profile(Fixtures.criteria());

    @BeforeEach
    void setUp() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(openai.baseUrl() + "/v1").apiKey("sk-test")
                .maxRetries(0).build();
        // One request at a time, so the answers below come back in turn order.
        transcription = new CallTranscription(files, new Transcriber(client, "gpt-transcribe", UsageRecorder.NONE,
                Clock.systemUTC()), 24L * 1024 * 1024, 1200, 1);
        String[] answers = {"Первая фраза.", "Вторая фраза.", "Третья фраза."};
        for (int i = 0; i < answers.length; i++) {
            openai.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).inScenario("turns")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "turn" + i).willSetStateTo("turn" + (i + 1))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody("{\"text\":\"" + answers[i] + "\"}")));
        }
    }

    /** 8 kHz 16-bit PCM: a loud tone over {@code speech}, the other party's echo over {@code echo}, hiss elsewhere. */
    private Path track(String name, double seconds, double[] speech, double[] echo) throws IOException {
        int rate = 8000;
        ByteBuffer pcm = ByteBuffer.allocate((int) (seconds * rate) * 2).order(ByteOrder.LITTLE_ENDIAN);
        long seed = 42;
        for (int i = 0; i < seconds * rate; i++) {
            double t = i / (double) rate;
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            double sample = (seed >>> 58) - 32; // ±32: line hiss
            if (within(t, speech)) {
                sample = 8000 * Math.sin(2 * Math.PI * 220 * t);
            } else if (within(t, echo)) {
                sample = 300 * Math.sin(2 * Math.PI * 220 * t);
            }
            pcm.putShort((short) sample);
        }
        ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        Path file = dir.resolve(name);
        Files.write(file, WavTrack.header(fmt.array(), pcm.capacity()));
        Files.write(file, pcm.array(), java.nio.file.StandardOpenOption.APPEND);
        return file;
    }

    private static boolean within(double t, double[] spans) {
        for (int i = 0; i < spans.length; i += 2) {
            if (t >= spans[i] && t < spans[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private CallRecord recorded(List<String> keys, List<CallRecord.SpeakerTrack> tracks) {
        CallRecord base = Fixtures.call(7001, CallStatus.RECORDED, null, null);
        return new CallRecord(base.profileId(), base.callId(), CallStatus.RECORDED, base.call(), true, keys, tracks,
                null, null, null, null, null, null, null, null, null, null, 0, false, false, 0, null);
    }

    /**
     * The client's track starts with the call; the operator's 4 s later (the leg's connect_time). The client says
     * something at 1–3 s (the call's time), the operator at 4.5–6 s (0.5–2 s of their own track), the client again
     * at 7–10 s: read without the offset, the operator would come first.
     */
    private CallRecord twoParties() throws IOException {
        files.putFile("rec/op.wav", track("op.wav", 10, new double[] {0.5, 2}, new double[] {3, 6}), "audio/wav");
        files.putFile("rec/client.wav", track("client.wav", 14, new double[] {1, 3, 7, 10}, new double[] {4.5, 6}),
                "audio/wav");
        return recorded(List.of("rec/1.mp3", "rec/op.wav", "rec/client.wav"), List.of(
                new CallRecord.SpeakerTrack("rec/client.wav", false, 0),
                new CallRecord.SpeakerTrack("rec/op.wav", true, 4)));
    }

    @Test
    void eachTurnIsTranscribedFromItsPartysTrackAndLabelledInTimeOrder() throws IOException {
        CallTranscription.Result result = transcription.transcribe(profile, twoParties(), dir);

        assertThat(result.text()).isEqualTo("""
                Клиент: Первая фраза.
                Оператор: Вторая фраза.
                Клиент: Третья фраза.""");
        openai.verify(3, postRequestedFor(urlEqualTo("/v1/audio/transcriptions")));
        // Speech only, each turn padded by 0.1 s at both ends: 2 + 1.5 + 3 s.
        assertThat(result.seconds()).isCloseTo(7.1, offset(0.1));
        assertThat(files.keys("")).filteredOn(k -> k.startsWith("transcripts/")).hasSize(3);
    }

    @Test
    void aRetryPaysOnlyForTheTurnsNotYetStored() throws IOException {
        CallRecord call = twoParties();
        CallTranscription.Result first = transcription.transcribe(profile, call, dir);
        String second = files.keys("").stream().filter(k -> k.contains("turn-0001")).findFirst().orElseThrow();
        files.remove(second); // as if the worker died after the first and third turns were stored
        openai.resetRequests();
        openai.setScenarioState("turns", "turn1");

        CallTranscription.Result again = transcription.transcribe(profile, call, dir);

        openai.verify(1, postRequestedFor(urlEqualTo("/v1/audio/transcriptions")));
        assertThat(again.text()).isEqualTo(first.text());
    }

    @Test
    void tracksThatAreNotReadableFallBackToTheMixedRecordingWithoutLabels() throws IOException {
        files.putFile("rec/1.wav", track("mixed.wav", 6, new double[] {1, 5}, new double[0]), "audio/wav");
        Files.writeString(dir.resolve("junk.mp3"), "not a wav");
        files.putFile("rec/op.mp3", dir.resolve("junk.mp3"), "audio/mpeg");
        files.putFile("rec/client.mp3", dir.resolve("junk.mp3"), "audio/mpeg");
        CallRecord call = recorded(List.of("rec/1.wav", "rec/op.mp3", "rec/client.mp3"), List.of(
                new CallRecord.SpeakerTrack("rec/op.mp3", true, 0),
                new CallRecord.SpeakerTrack("rec/client.mp3", false, 0)));

        CallTranscription.Result result = transcription.transcribe(profile, call, dir);

        assertThat(result.text()).isEqualTo("Первая фраза.");
        openai.verify(1, postRequestedFor(urlEqualTo("/v1/audio/transcriptions")));
        assertThat(result.seconds()).isCloseTo(6.0, offset(0.01));
    }

    @Test
    void silentTracksSendNothing() throws IOException {
        files.putFile("rec/op.wav", track("op.wav", 10, new double[0], new double[0]), "audio/wav");
        files.putFile("rec/client.wav", track("client.wav", 10, new double[0], new double[0]), "audio/wav");
        CallRecord call = recorded(List.of("rec/op.wav", "rec/client.wav"), List.of(
                new CallRecord.SpeakerTrack("rec/op.wav", true, 4),
                new CallRecord.SpeakerTrack("rec/client.wav", false, 0)));

        CallTranscription.Result result = transcription.transcribe(profile, call, dir);

        assertThat(result.text()).isEmpty();
        assertThat(CallTranscription.hasSpeech(result.text())).isFalse();
        openai.verify(0, postRequestedFor(urlEqualTo("/v1/audio/transcriptions")));
    }
}
