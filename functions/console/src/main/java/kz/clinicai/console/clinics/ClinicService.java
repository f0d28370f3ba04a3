package kz.clinicai.console.clinics;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kz.clinicai.console.audit.AuditLog;
import kz.clinicai.shared.clinic.AccessPolicy;
import kz.clinicai.shared.clinic.CachingInfoClinicaClients;
import kz.clinicai.shared.clinic.ClientCertificate;
import kz.clinicai.shared.clinic.ClinicCertificateStore;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.ClinicStore;
import kz.clinicai.shared.infoclinica.HttpsInfoClinicaClient;
import kz.clinicai.shared.infoclinica.TlsContexts;
import kz.clinicai.shared.time.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voicebot's clinics as the console manages them: created and edited through the form's validation, the
 * client certificate stored as the clinic's secret ({@code <prefix><slug>}), the ACS token made here and only its
 * hash stored, a connection check through the stored certificate; every change written to the audit log (kind
 * {@value #AUDIT_KIND}) without secret values.
 */
public final class ClinicService {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicService.class);
    public static final String AUDIT_KIND = "clinic";
    /** The check's own budget: the console's function has 29 s, InfoClinica's per-request timeout applies inside. */
    static final Duration CHECK_BUDGET = Duration.ofSeconds(12);
    /** SCHEDID of the check's WEB_SCHEDULE_INFO: no appointment has it, so the answer is a read that finds nothing. */
    static final long PROBE_SCHEDID = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static final class Invalid extends RuntimeException {
        private final transient Map<String, String> errors;

        public Invalid(Map<String, String> errors) {
            super(String.join("; ", errors.values()));
            this.errors = Map.copyOf(errors);
        }

        public Map<String, String> errors() {
            return errors;
        }
    }

    public static final class NotFound extends RuntimeException {
        public NotFound(String slug) {
            super("Нет клиники " + slug);
        }
    }

    /** The connection check's outcome: {@code ok} when InfoClinica answered HTTP 200 at all. */
    public record Check(boolean ok, String summary, String detail) {
    }

    private final ClinicStore clinics;
    private final ClinicCertificateStore certificates;
    private final String secretPrefix;
    private final Supplier<Collection<String>> assistantNames;
    private final AuditLog audit;
    private final Clock clock;

    public ClinicService(ClinicStore clinics, ClinicCertificateStore certificates, String secretPrefix,
                         Supplier<Collection<String>> assistantNames, AuditLog audit, Clock clock) {
        this.clinics = clinics;
        this.certificates = certificates;
        this.secretPrefix = secretPrefix;
        this.assistantNames = assistantNames;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ClinicConfig> list() {
        return clinics.list();
    }

    public Optional<ClinicConfig> find(String slug) {
        return ClinicValidation.SLUG.matcher(slug).matches() ? clinics.find(slug) : Optional.empty();
    }

    public ClinicConfig get(String slug) {
        return find(slug).orElseThrow(() -> new NotFound(slug));
    }

    public Collection<String> assistants() {
        return assistantNames.get();
    }

    public static ClinicForm form(ClinicConfig clinic) {
        return ClinicValidation.form(clinic);
    }

    public static Map<DayOfWeek, String> dayNames() {
        return ClinicValidation.DAY_NAMES;
    }

    public ClinicConfig create(ClinicForm form, String actor) {
        ClinicValidation.Result result = ClinicValidation.check(form, null, null, null, assistants());
        if (!result.errors().isEmpty()) {
            throw new Invalid(result.errors());
        }
        if (!clinics.create(result.config())) {
            throw new Invalid(Map.of("slug", "Клиника с кодом «" + form.getSlug() + "» уже есть"));
        }
        audit.record(AUDIT_KIND, result.config().slug(), actor, "created",
                AuditLog.changes(Map.of(), view(result.config())));
        LOG.info("clinic {} created by {}", result.config().slug(), actor);
        return result.config();
    }

    public ClinicConfig update(String slug, ClinicForm form, String actor) {
        ClinicConfig before = get(slug);
        ClinicValidation.Result result = ClinicValidation.check(form, slug, before.certificateSecretId(),
                before.access().tokenSha256(), assistants());
        if (!result.errors().isEmpty()) {
            throw new Invalid(result.errors());
        }
        if (!clinics.replace(result.config())) {
            throw new NotFound(slug);
        }
        List<AuditLog.Change> changes = AuditLog.changes(view(before), view(result.config()));
        if (!changes.isEmpty()) {
            audit.record(AUDIT_KIND, slug, actor, "updated", changes);
        }
        return result.config();
    }

    /**
     * Checks the pair and stores it as the clinic's secret (a new version of it when it exists), then points the
     * clinic at that secret. Nothing is stored when the pair is refused.
     */
    public TlsContexts.CertificateInfo uploadCertificate(String slug, String certificatePem, String privateKeyPem,
                                                         String caPem, String actor) {
        ClinicConfig clinic = get(slug);
        String cert = trimToNull(certificatePem);
        String key = trimToNull(privateKeyPem);
        String ca = trimToNull(caPem);
        Map<String, String> errors = new LinkedHashMap<>();
        if (cert == null) {
            errors.put("certificatePem", "Вставьте сертификат (PEM, BEGIN CERTIFICATE)");
        }
        if (key == null) {
            errors.put("privateKeyPem", "Вставьте закрытый ключ (PEM, BEGIN PRIVATE KEY)");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        TlsContexts.CertificateInfo info;
        try {
            info = TlsContexts.inspectPair(cert, key, ca);
        } catch (IllegalArgumentException e) {
            throw new Invalid(Map.of("certificatePem", "Сертификат и ключ не приняты: " + e.getMessage()));
        }
        String secretId = clinic.certificateSecretId() != null ? clinic.certificateSecretId() : secretPrefix + slug;
        certificates.save(secretId, new ClientCertificate(cert, key, ca));
        if (!secretId.equals(clinic.certificateSecretId())) {
            ClinicConfig pointed = new ClinicConfig(clinic.slug(), clinic.infoClinicaUrl(), secretId,
                    clinic.branchId(), clinic.timeZone(), clinic.workingHours(), clinic.assistantName(),
                    clinic.infoClinica(), clinic.access());
            clinics.replace(pointed);
        }
        audit.record(AUDIT_KIND, slug, actor, "certificate uploaded", List.of(
                new AuditLog.Change("certificate", null, info.subject() + ", до " + info.notAfter()
                        + ", SHA-256 " + info.sha256Fingerprint().substring(0, 23) + "…"),
                new AuditLog.Change("certificateSecretId", clinic.certificateSecretId(), secretId)));
        LOG.info("clinic {}: certificate uploaded by {} ({})", slug, actor, info.subject());
        return info;
    }

    /** A new ACS token: returned once, only its hash stored; the old token is refused from the next request on. */
    public String rotateToken(String slug, String actor) {
        ClinicConfig clinic = get(slug);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ClinicConfig rotated = new ClinicConfig(clinic.slug(), clinic.infoClinicaUrl(), clinic.certificateSecretId(),
                clinic.branchId(), clinic.timeZone(), clinic.workingHours(), clinic.assistantName(),
                clinic.infoClinica(), clinic.access().withTokenSha256(AccessPolicy.hash(token)));
        if (!clinics.replace(rotated)) {
            throw new NotFound(slug);
        }
        audit.record(AUDIT_KIND, slug, actor, clinic.access().tokenSha256() == null ? "token created" : "token rotated",
                List.of(new AuditLog.Change("acsToken", clinic.access().tokenSha256() == null ? null : "(был задан)",
                        "(изменён)")));
        LOG.info("clinic {}: ACS token rotated by {}", slug, actor);
        return token;
    }

    /** One read-only InfoClinica request through the clinic's stored certificate; never throws for the far side. */
    public Check checkConnection(String slug) {
        ClinicConfig clinic = get(slug);
        ClientCertificate cert = null;
        if (clinic.certificateSecretId() != null) {
            try {
                cert = certificates.load(clinic.certificateSecretId());
            } catch (RuntimeException e) {
                return new Check(false, "Сертификат клиники не прочитан из Secrets Manager", chain(e));
            }
        }
        try {
            HttpsInfoClinicaClient client = CachingInfoClinicaClients.create(clinic, cert, clock);
            HttpsInfoClinicaClient.Probe probe = client.probe(PROBE_SCHEDID, Deadline.after(clock, CHECK_BUDGET));
            String body = probe.body().length() > 4000 ? probe.body().substring(0, 4000) + "…" : probe.body();
            boolean ok = probe.status() == 200;
            return new Check(ok, probe.message() + " → HTTP " + probe.status() + " за " + probe.tookMs() + " мс"
                    + (cert == null ? " (без клиентского сертификата)" : ""), body);
        } catch (RuntimeException e) {
            LOG.info("clinic {}: connection check failed: {}", slug, e.toString());
            return new Check(false, "InfoClinica недоступна: " + e.getMessage() + expiry(cert), chain(e));
        }
    }

    /**
     * Under TLS 1.3 the server judges the client certificate after the client has finished its handshake, so a
     * refused certificate often reaches the client as a reset connection rather than the server's alert: say so
     * when the stored certificate is out of date.
     */
    private String expiry(ClientCertificate cert) {
        if (cert == null) {
            return "";
        }
        try {
            TlsContexts.CertificateInfo info = TlsContexts.inspectPair(cert.certificatePem(), cert.privateKeyPem(),
                    cert.caPem());
            java.time.Instant now = clock.instant();
            if (info.expiredAt(now)) {
                return "; клиентский сертификат просрочен (действовал до " + info.notAfter() + ")";
            }
            if (now.isBefore(info.notBefore())) {
                return "; клиентский сертификат ещё не действует (с " + info.notBefore() + ")";
            }
            return "";
        } catch (IllegalArgumentException e) {
            return "; сохранённый сертификат не читается: " + e.getMessage();
        }
    }

    public List<AuditLog.Entry> history(String slug) {
        return audit.history(AUDIT_KIND, slug, 50);
    }

    /** The exception and its causes, one per line: the exact TLS/HTTP error, never a stack trace. */
    static String chain(Throwable e) {
        StringBuilder out = new StringBuilder();
        String previous = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String line = t.getClass().getName() + ": " + t.getMessage();
            if (line.equals(previous)) {
                continue; // the JDK wraps a handshake failure in a copy of itself
            }
            if (!out.isEmpty()) {
                out.append("\nвызвано: ");
            }
            out.append(line);
            previous = line;
        }
        return out.toString();
    }

    /** The flat view the audit compares: every setting, secrets as "(задан)" only. */
    static Map<String, String> view(ClinicConfig c) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("slug", c.slug());
        v.put("infoClinicaUrl", c.infoClinicaUrl().toString());
        v.put("branchId", c.branchId());
        v.put("timeZone", c.timeZone().getId());
        for (DayOfWeek d : DayOfWeek.values()) {
            v.put("hours." + d.name(), c.workingHours().containsKey(d) ? c.workingHours().get(d).toString()
                    : "выходной");
        }
        v.put("onlineType", String.valueOf(c.infoClinica().onlineType()));
        v.put("forwardedHost", c.infoClinica().forwardedHost());
        v.put("connectTimeoutMs", String.valueOf(c.infoClinica().connectTimeout().toMillis()));
        v.put("requestTimeoutMs", String.valueOf(c.infoClinica().requestTimeout().toMillis()));
        v.put("allowedSourceIps", String.join(", ", c.access().allowedSourceIps()));
        v.put("perMinute", String.valueOf(c.access().perMinute()));
        v.put("perMinutePerIp", String.valueOf(c.access().perMinutePerIp()));
        v.put("assistantName", c.assistantName());
        v.put("certificateSecretId", c.certificateSecretId());
        v.put("acsToken", c.access().tokenSha256() == null ? null : "(задан)");
        v.values().removeIf(java.util.Objects::isNull);
        return v;
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip() + "\n";
    }
}
