package kz.clinicai.shared.infoclinica;

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
import kz.clinicai.shared.time.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfoClinica over HTTPS with the clinic's client certificate (XML POSTed to one endpoint). Clinics behind the SDS
 * gateway ({@code https://api.infoclinica.ru/api/xml}) name their own host in {@code X-Forwarded-Host}.
 */
public final class HttpsInfoClinicaClient implements InfoClinicaClient {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsInfoClinicaClient.class);

    /**
     * @param defaultFilial  MSH.99 when a message names no filial (a read before the appointment is known)
     * @param forwardedHost  X-Forwarded-Host, or null when the clinic's server is reached directly
     * @param onlineType     ONLINETYPE of reservations (0 in-clinic visit, 1 telemedicine)
     */
    public record Settings(URI endpoint, String defaultFilial, String forwardedHost, int onlineType,
                           Duration requestTimeout, ZoneId zone) {
    }

    private final Settings settings;
    private final HttpClient http;
    private final Clock clock;

    public HttpsInfoClinicaClient(Settings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
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
    public Appointment appointment(long schedId, String filial, Deadline deadline) {
        return call("SCHEDULE_INFO", filial, InfoClinicaXml.scheduleInfoFields(schedId), deadline,
                xml -> InfoClinicaXml.parseAppointment(xml, schedId));
    }

    @Override
    public List<Interval> schedule(long doctorCode, LocalDate date, String filial, Deadline deadline) {
        return call("SCHEDULE", filial, InfoClinicaXml.scheduleFields(doctorCode, date, date), deadline,
                InfoClinicaXml::parseSchedule);
    }

    @Override
    public Reservation reserve(ReserveRequest request, String filial, Deadline deadline) {
        return call("SCHEDULE_REC_RESERVE", filial, InfoClinicaXml.reserveFields(request, settings.onlineType()),
                deadline, InfoClinicaXml::parseReservation);
    }

    @Override
    public Removal cancel(long schedId, Long patientCode, String filial, Deadline deadline) {
        return call("SCHEDULE_REC_REMOVE", filial, InfoClinicaXml.removeFields(schedId, patientCode), deadline,
                InfoClinicaXml::parseRemoval);
    }

    /** What one raw exchange gave: the HTTP status and the body as InfoClinica sent it. */
    public record Probe(String message, int status, String body, long tookMs) {
    }

    /**
     * One read-only message (WEB_SCHEDULE_INFO of {@code schedId}) answered as it came, whatever the status: the
     * console's connection check shows it. Transport failures (TLS handshake, refused connection, timeout) throw as
     * in every other call, with the original exception as the cause.
     */
    public Probe probe(long schedId, Deadline deadline) {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = exchange("SCHEDULE_INFO", null, InfoClinicaXml.scheduleInfoFields(schedId),
                deadline);
        return new Probe("WEB_SCHEDULE_INFO", response.statusCode(),
                new String(response.body(), StandardCharsets.UTF_8), (System.nanoTime() - started) / 1_000_000);
    }

    private <T> T call(String msg, String filial, Map<String, String> fields, Deadline deadline,
                       Function<byte[], T> parser) {
        HttpResponse<byte[]> response = exchange(msg, filial, fields, deadline);
        if (response.statusCode() != 200) {
            throw new InfoClinicaUnavailableException("WEB_" + msg + " answered HTTP " + response.statusCode(), null);
        }
        return parser.apply(response.body());
    }

    private HttpResponse<byte[]> exchange(String msg, String filial, Map<String, String> fields, Deadline deadline) {
        Duration timeout = deadline.bound(settings.requestTimeout());
        if (timeout.isZero()) {
            throw new InfoClinicaTimeoutException("No time left for WEB_" + msg, null);
        }
        String messageId = UUID.randomUUID().toString().replace("-", "");
        String branch = filial != null && !filial.isBlank() ? filial : settings.defaultFilial();
        String body = InfoClinicaXml.request(msg, branch, messageId,
                LocalDateTime.now(clock.withZone(settings.zone())), fields);
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.endpoint())
                .timeout(timeout)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("Accept", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.forwardedHost() != null && !settings.forwardedHost().isBlank()) {
            builder.header("X-Forwarded-Host", settings.forwardedHost());
        }
        HttpRequest request = builder.build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new InfoClinicaTimeoutException("WEB_" + msg + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new InfoClinicaUnavailableException("WEB_" + msg + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfoClinicaTimeoutException("WEB_" + msg + " interrupted", e);
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        LOG.info("InfoClinica WEB_{} (filial {}) -> HTTP {} in {} ms (message {})", msg, branch, response.statusCode(),
                tookMs, messageId);
        return response;
    }
}
