package kz.clinicai.voicebot.infoclinica;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import kz.clinicai.voicebot.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** InfoClinica over HTTPS with the clinic's client certificate (XML POSTed to one endpoint). */
public final class HttpsInfoClinicaClient implements InfoClinicaClient {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsInfoClinicaClient.class);

    private final URI endpoint;
    private final String branchId;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;
    private final ZoneId zone;

    public HttpsInfoClinicaClient(URI endpoint, String branchId, HttpClient http, Duration requestTimeout, Clock clock,
                                  ZoneId zone) {
        this.endpoint = endpoint;
        this.branchId = branchId;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.zone = zone;
    }

    /** An HTTP client that presents the certificate of {@code tls} (null: plain/default TLS, for a sandbox). */
    public static HttpClient httpClient(SSLContext tls, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    @Override
    public Appointment appointment(long schedId, Deadline deadline) {
        return call("SCHEDULE_INFO", InfoClinicaXml.scheduleInfoFields(schedId), deadline,
                xml -> InfoClinicaXml.parseAppointment(xml, schedId));
    }

    @Override
    public List<Slot> freeSlots(long doctorCode, LocalDate date, Deadline deadline) {
        return call("SCHEDULE", InfoClinicaXml.scheduleFields(doctorCode, date), deadline,
                xml -> InfoClinicaXml.parseFreeSlots(xml, doctorCode, date));
    }

    @Override
    public Reservation reserve(ReserveRequest request, Deadline deadline) {
        return call("SCHEDULE_REC_RESERVE", InfoClinicaXml.reserveFields(request), deadline,
                InfoClinicaXml::parseReservation);
    }

    @Override
    public boolean cancel(long schedId, long patientCode, Deadline deadline) {
        return call("SCHEDULE_REC_REMOVE", InfoClinicaXml.removeFields(schedId, patientCode), deadline,
                InfoClinicaXml::parseRemoved);
    }

    private <T> T call(String msg, Map<String, String> fields, Deadline deadline, Function<String, T> parser) {
        Duration timeout = deadline.bound(requestTimeout);
        if (timeout.isZero()) {
            throw new InfoClinicaTimeoutException("No time left for WEB_" + msg, null);
        }
        String messageId = UUID.randomUUID().toString().replace("-", "");
        String body = InfoClinicaXml.request(msg, branchId, messageId, LocalDateTime.now(clock.withZone(zone)), fields);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("Accept", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new InfoClinicaTimeoutException("WEB_" + msg + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new InfoClinicaUnavailableException("WEB_" + msg + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfoClinicaTimeoutException("WEB_" + msg + " interrupted", e);
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        LOG.info("InfoClinica WEB_{} -> HTTP {} in {} ms (message {})", msg, response.statusCode(), tookMs, messageId);
        if (response.statusCode() != 200) {
            throw new InfoClinicaUnavailableException("WEB_" + msg + " answered HTTP " + response.statusCode(), null);
        }
        return parser.apply(response.body());
    }
}
