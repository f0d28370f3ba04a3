package kz.clinicai.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kz.clinicai.local.sandbox.tls.SandboxPki;

/**
 * One WEB_SCHEDULE_INFO over mutual TLS to the InfoClinica simulator, as the platform's client sends it: the
 * benchmarks time it alone to subtract InfoClinica's share from a turn ("beyond providers").
 */
public final class InfoClinicaProbe {

    private final HttpClient http;
    private final URI baseUrl;

    /** @param sandbox the sandbox's settings (its InfoClinica URL and the client certificate it issued) */
    public InfoClinicaProbe(Map<String, String> sandbox) throws Exception {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .sslContext(SandboxPki.contextFromPem(Path.of(sandbox.get("infoclinica.clientCertPem")),
                        Path.of(sandbox.get("infoclinica.clientKeyPem")), Path.of(sandbox.get("infoclinica.caCertPem"))))
                .build();
        this.baseUrl = URI.create(sandbox.get("infoclinica.baseUrl"));
    }

    /** Reads one appointment; fails unless the simulator answered it. */
    public void scheduleInfo(long schedId) throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><WEB_SCHEDULE_INFO xmlns=\"http://sdsys.ru/\"><MSH>"
                + "<MSH.9><MSG.1>WEB</MSG.1><MSG.2>SCHEDULE_INFO</MSG.2></MSH.9><MSH.10>bench</MSH.10></MSH>"
                + "<SCHEDULE_INFO_IN><SCHEDID>" + schedId + "</SCHEDID></SCHEDULE_INFO_IN></WEB_SCHEDULE_INFO>";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUrl).timeout(Duration.ofSeconds(10))
                        .header("content-type", "text/xml; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200 || !response.body().contains("SCHED_INFO")) {
            throw new IllegalStateException("InfoClinica sandbox answered " + response.statusCode());
        }
    }
}
