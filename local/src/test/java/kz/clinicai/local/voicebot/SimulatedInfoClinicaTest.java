package kz.clinicai.local.voicebot;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.local.sandbox.infoclinica.InfoClinicaService;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.infoclinica.HttpsInfoClinicaClient;
import kz.clinicai.shared.infoclinica.InfoClinicaClient;
import kz.clinicai.shared.infoclinica.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract against the InfoClinica simulator (its own sandbox, clock fixed on Monday 2026-11-23 in Almaty) through
 * the real {@link HttpsInfoClinicaClient}: the clinic certificate the simulator issued, mutual TLS, the XML both ways.
 */
class SimulatedInfoClinicaTest extends InfoClinicaContract {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneOffset.UTC);
    private static final java.net.http.HttpClient CONTROL = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Sandbox sandbox;
    private static InfoClinicaClient client;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(0, List.of(new InfoClinicaService(CLOCK)));
        Map<String, String> s = sandbox.settings();
        var tls = TlsContexts.fromPem(Files.readString(Path.of(s.get("infoclinica.clientCertPem"))),
                Files.readString(Path.of(s.get("infoclinica.clientKeyPem"))),
                Files.readString(Path.of(s.get("infoclinica.caCertPem"))));
        client = new HttpsInfoClinicaClient(new HttpsInfoClinicaClient.Settings(URI.create(s.get("infoclinica.baseUrl")),
                FILIAL, null, 0, Duration.ofSeconds(10), ZoneId.of("Asia/Almaty")),
                HttpsInfoClinicaClient.httpClient(tls, Duration.ofSeconds(5)), CLOCK);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** After, not before: the contract's own @BeforeEach (run first) seeds the day. */
    @AfterEach
    void reset() {
        sandbox.reset();
    }

    @Override
    InfoClinicaClient client() {
        return client;
    }

    @Override
    void givenDoctorDay(long doctor, String name, LocalDate date, List<LocalTime> free, List<LocalTime> closed) {
        List<Map<String, Object>> intervals = new ArrayList<>();
        free.forEach(t -> intervals.add(Map.of("start", t.toString(), "end", t.plusMinutes(30).toString(),
                "free", true)));
        closed.forEach(t -> intervals.add(Map.of("start", t.toString(), "end", t.plusMinutes(30).toString(),
                "free", false)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dcode", doctor);
        body.put("name", name);
        body.put("filial", Integer.parseInt(FILIAL));
        body.put("date", date.toString());
        body.put("intervals", intervals);
        control("schedule", body);
    }

    @Override
    void givenAppointment(long schedId, long patient, long doctor, LocalDate date, LocalTime start) {
        control("appointments", Map.of("schedid", schedId, "pcode", patient, "dcode", doctor, "date", date.toString(),
                "start", start.toString(), "end", start.plusMinutes(30).toString()));
    }

    private static void control(String endpoint, Object body) {
        try {
            var response = CONTROL.send(java.net.http.HttpRequest.newBuilder(
                            URI.create(sandbox.mountUrl(InfoClinicaService.NAME) + "/_control/" + endpoint))
                    .timeout(Duration.ofSeconds(10))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(body)))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("simulator control " + endpoint + ": " + response.statusCode() + " "
                        + response.body());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
