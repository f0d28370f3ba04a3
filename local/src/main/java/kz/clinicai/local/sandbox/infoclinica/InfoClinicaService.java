package kz.clinicai.local.sandbox.infoclinica;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import kz.clinicai.local.sandbox.FaultGate;
import kz.clinicai.local.sandbox.Faults;
import kz.clinicai.local.sandbox.SandboxContext;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;
import kz.clinicai.local.sandbox.tls.Pem;
import kz.clinicai.local.sandbox.tls.SandboxPki;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfoClinica simulator. The XML API runs on its own HTTPS server that demands a client certificate issued by a
 * throwaway CA (as the real service does), so the platform's mutual-TLS code path is exercised; the control
 * endpoints stay on the sandbox's plain server under {@code /infoclinica/_control/}.
 */
public final class InfoClinicaService implements SandboxService {

    public static final String NAME = "infoclinica";
    private static final Logger LOG = LoggerFactory.getLogger(InfoClinicaService.class);

    private final Clock clock;
    private final Schedule schedule;
    private final InfoClinicaProtocol protocol;
    private final Journal journal = new Journal();
    private HttpsServer server;
    private ExecutorService executor;
    private Faults faults;
    private Path clientCert;
    private Path clientKey;
    private Path caCert;
    private SandboxPki pki;

    public InfoClinicaService() {
        this(Clock.systemUTC());
    }

    public InfoClinicaService(Clock clock) {
        this.clock = clock;
        this.schedule = new Schedule(clock);
        this.protocol = new InfoClinicaProtocol(schedule, clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "InfoClinica XML simulator (HTTPS with client certificate; real answer shapes: ACK, SPRESULT/CHECKDATA,"
                + " nested schedule; two filials; deterministic clinic schedule)";
    }

    @Override
    public void start(SandboxContext context) throws IOException {
        this.faults = context.faults();
        pki = SandboxPki.create("clinicai sandbox InfoClinica CA");
        Path dir = context.workDir().resolve(NAME);
        Files.createDirectories(dir);
        caCert = dir.resolve("ca.crt.pem");
        Files.writeString(caCert, Pem.certificate(pki.caCertificate()));
        clientCert = dir.resolve("client.crt.pem");
        clientKey = dir.resolve("client.key.pem");
        SandboxPki.write(pki.issueClient("clinicai sandbox client"), clientCert, clientKey);
        SSLContext ssl = pki.context(pki.issueServer("127.0.0.1"));
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::serveXml);
        server.start();
        LOG.info("InfoClinica simulator on https://127.0.0.1:{}/ (client certificate required)",
                server.getAddress().getPort());
    }

    /** The simulator's CA: tests issue further client certificates with it (an expired one, for instance). */
    public SandboxPki pki() {
        return pki;
    }

    /** The HTTPS root; the sandbox mount only hosts control endpoints. */
    public String httpsBaseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public Map<String, String> settings(String mountedBaseUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("infoclinica.baseUrl", httpsBaseUrl());
        out.put("infoclinica.clientCertPem", clientCert.toString());
        out.put("infoclinica.clientKeyPem", clientKey.toString());
        out.put("infoclinica.caCertPem", caCert.toString());
        return out;
    }

    @Override
    public Map<String, String> pages() {
        return Map.of("Schedule state (JSON)", "_control/state");
    }

    private void serveXml(HttpExchange raw) throws IOException {
        SandboxExchange exchange = FaultGate.exchange(raw, raw.getRequestURI().getRawPath());
        try {
            if (FaultGate.injure(faults, NAME, exchange)) {
                return;
            }
            if (!exchange.method().equals("POST")) {
                exchange.text(405, "text/plain; charset=utf-8", "InfoClinica accepts POST text/xml only");
                return;
            }
            InfoClinicaProtocol.Answer answer = protocol.answer(exchange.body());
            if (answer.request() != null) {
                journal.add(answer.request(), exchange.header("X-Forwarded-Host").orElse(null));
            }
            exchange.respond(answer.status(), "text/xml; charset=utf-8", answer.xml().getBytes(StandardCharsets.UTF_8),
                    Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            raw.close();
        } catch (RuntimeException e) {
            LOG.warn("InfoClinica simulator failed", e);
            exchange.text(500, "text/plain; charset=utf-8", "sandbox failure: " + e);
        }
    }

    /**
     * Control: {@code GET _control/state[?dcode=&from=&till=]}, {@code POST _control/schedule
     * {"dcode":1001,"date":"2026-11-23","intervals":[{"start":"09:00","end":"09:30","free":true}]}} (replaces the day;
     * empty = day off; an unknown dcode with "name" adds the doctor), {@code POST _control/appointments
     * {"schedid":900001,"pcode":777,"dcode":1001,"date":"2026-11-23","start":"10:30","end":"11:00"}} (with
     * {@code "before_next":"SCHEDULE_REC_RESERVE"}: booked when that message next arrives, before it is answered —
     * another patient taking a time between the platform's offer and its move; 202),
     * {@code DELETE _control/appointments/{schedid}} (cancelled at the clinic, as a receptionist would; 404 unknown),
     * {@code POST _control/refuse {"message":"SCHEDULE_REC_REMOVE","spresult":0,"comment":"…","checkcode":2,
     * "checklabel":"…","checktext":"…"}} (the next answer to that message is this business refusal),
     * {@code GET _control/received[?since=seq]} (the messages received: MSH.99, body fields, X-Forwarded-Host),
     * {@code POST _control/reset}.
     */
    @Override
    public void handle(SandboxExchange exchange) throws IOException {
        String path = exchange.path();
        String method = exchange.method();
        try {
            if (method.equals("GET") && path.equals("/_control/state")) {
                exchange.json(200, state(exchange.query()));
            } else if (method.equals("POST") && path.equals("/_control/schedule")) {
                JsonNode body = exchange.bodyJson();
                int dcode = body.path("dcode").asInt();
                if (body.hasNonNull("name")) {
                    schedule.putDoctor(new Schedule.Doctor(dcode, body.get("name").asText(),
                            body.path("speciality").asText(""), body.path("filial").asInt(1),
                            body.path("referral").asBoolean(false)));
                }
                List<Schedule.Interval> intervals = new ArrayList<>();
                for (JsonNode i : body.path("intervals")) {
                    LocalTime start = LocalTime.parse(i.path("start").asText());
                    LocalTime end = LocalTime.parse(i.path("end").asText());
                    intervals.add(i.has("freetype")
                            ? new Schedule.Interval(start, end, i.get("freetype").asInt(), null)
                            : new Schedule.Interval(start, end, i.path("free").asBoolean(true)));
                }
                schedule.setDay(dcode, LocalDate.parse(body.path("date").asText()), intervals);
                exchange.json(200, Map.of("dcode", dcode, "intervals", intervals.size()));
            } else if (method.equals("POST") && path.equals("/_control/appointments")) {
                JsonNode b = exchange.bodyJson();
                Schedule.Appointment a = new Schedule.Appointment(b.path("schedid").asLong(), b.path("pcode").asLong(),
                        b.path("dcode").asInt(), LocalDate.parse(b.path("date").asText()),
                        LocalTime.parse(b.path("start").asText()), LocalTime.parse(b.path("end").asText()),
                        b.path("hidePcode").asBoolean(false));
                String before = b.path("before_next").asText("");
                if (before.isEmpty()) {
                    schedule.book(a);
                    exchange.json(200, appointmentJson(a));
                } else {
                    if (!List.of("SCHEDULE_INFO", "SCHEDULE", "SCHEDULE_REC_RESERVE", "SCHEDULE_REC_REMOVE")
                            .contains(before)) {
                        throw new IllegalArgumentException("before_next must name a message the simulator answers");
                    }
                    protocol.before(before, () -> schedule.book(a));
                    Map<String, Object> held = new LinkedHashMap<>(appointmentJson(a));
                    held.put("before_next", before);
                    exchange.json(202, held);
                }
            } else if (method.equals("DELETE") && path.startsWith("/_control/appointments/")) {
                long schedId = Long.parseLong(path.substring("/_control/appointments/".length()));
                if (schedule.remove(schedId, null)) {
                    exchange.json(200, Map.of("removed", schedId));
                } else {
                    exchange.json(404, Map.of("error", "no appointment " + schedId));
                }
            } else if (method.equals("POST") && path.equals("/_control/refuse")) {
                JsonNode b = exchange.bodyJson();
                String message = b.path("message").asText("");
                if (message.isBlank() || !b.has("spresult")) {
                    throw new IllegalArgumentException("message and spresult are required");
                }
                protocol.script(message, new InfoClinicaProtocol.Scripted(b.path("spresult").asInt(),
                        b.path("comment").asText(""), b.has("checkcode") ? b.get("checkcode").asInt() : null,
                        b.path("checklabel").asText(""), b.path("checktext").asText("")));
                exchange.json(200, Map.of("scripted", message));
            } else if (method.equals("GET") && path.equals("/_control/received")) {
                long since = Long.parseLong(exchange.query().getOrDefault("since", "0"));
                exchange.json(200, Map.of("last", journal.last(),
                        "received", journal.since(since).stream().map(Journal.Entry::json).toList()));
            } else if (method.equals("POST") && path.equals("/_control/reset")) {
                reset();
                exchange.json(200, Map.of("reset", true));
            } else if (path.equals("/") || path.isEmpty()) {
                exchange.json(421, Map.of("error", "the InfoClinica API is served over mutual TLS at " + httpsBaseUrl()));
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            exchange.json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private Map<String, Object> state(Map<String, String> query) {
        LocalDate today = schedule.today();
        LocalDate from = query.containsKey("from") ? LocalDate.parse(query.get("from")) : today;
        LocalDate till = query.containsKey("till") ? LocalDate.parse(query.get("till")) : today.plusDays(Schedule.DAYS);
        List<Integer> dcodes = query.containsKey("dcode") ? List.of(Integer.parseInt(query.get("dcode")))
                : schedule.doctors().stream().map(Schedule.Doctor::dcode).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("today", today.toString());
        out.put("filials", Schedule.FILIALS);
        out.put("doctors", schedule.doctors().stream().map(d -> Map.of("dcode", d.dcode(), "name", d.name(),
                "speciality", d.speciality(), "filial", d.filial(), "referral", d.referral())).toList());
        out.put("appointments", schedule.appointments().stream().map(InfoClinicaService::appointmentJson).toList());
        out.put("days", schedule.days(dcodes, from, till).stream().map(d -> Map.of("dcode", d.doctor().dcode(),
                "date", d.date().toString(), "schedident", d.schedIdent(), "intervals", d.intervals().stream()
                        .map(i -> Map.of("start", i.start().toString(), "end", i.end().toString(), "free", i.free(),
                                "freetype", i.freeType()))
                        .toList())).toList());
        return out;
    }

    private static Map<String, Object> appointmentJson(Schedule.Appointment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schedid", a.schedId());
        m.put("pcode", a.pcode());
        m.put("dcode", a.dcode());
        m.put("date", a.date().toString());
        m.put("start", a.start().toString());
        m.put("end", a.end().toString());
        m.put("hidePcode", a.pcodeHidden());
        return m;
    }

    @Override
    public void reset() {
        schedule.reset();
        journal.clear();
        protocol.clearScripts();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
