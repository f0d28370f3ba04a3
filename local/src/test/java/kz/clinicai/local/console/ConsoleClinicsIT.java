package kz.clinicai.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.PlatformStackFixture;
import kz.clinicai.local.sandbox.infoclinica.InfoClinicaService;
import kz.clinicai.local.sandbox.tls.Pem;
import kz.clinicai.local.sandbox.tls.SandboxPki;
import kz.clinicai.shared.clinic.AccessPolicy;
import kz.clinicai.shared.clinic.ClinicConfig;
import kz.clinicai.shared.clinic.DynamoDbClinicRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import kz.clinicai.local.aws.AwsClients;
import kz.clinicai.shared.clinic.SecretsManagerClinicCertificates;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The console's clinics page through the local stack: create with validation (one message per field, nothing
 * stored), edit with the audit shown on the page, editors refused; the client certificate stored as the clinic's
 * secret and the connection check against the InfoClinica simulator (good certificate, another CA, expired); the
 * ACS token made and rotated (the old one 401 at the voicebot at once, the new one admitted).
 */
class ConsoleClinicsIT {

    /**
     * How the JDK client reports a server that refused its certificate: the server's alert, or — TLS 1.3 judges the
     * client's certificate after the client's side of the handshake is done — a reset connection.
     */
    private static final Pattern REFUSED_HANDSHAKE = Pattern.compile(
            "javax\\.net\\.ssl\\.SSL\\w*Exception: .*(alert|certificate)|Connection reset|received no bytes");
    private static final Pattern TOKEN = Pattern.compile("data-testid=\"new-token-value\">([^<]+)<");
    private static ConsoleClient admin;
    private static Map<String, String> sandbox;

    @BeforeAll
    static void stack() {
        PlatformStackFixture.stack();
        admin = ConsoleUsers.loggedInAdmin();
        sandbox = PlatformStackFixture.stack().sandbox().settings();
    }

    @Test
    void anAdminCreatesAClinicThatTheVoicebotReadsAndEditsItWithTheChangeAudited() {
        String slug = "clinic-" + System.nanoTime();
        HttpResponse<String> created = post("/console/clinics", validForm(slug));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("location").orElseThrow()).contains("/console/clinics/" + slug);

        ClinicConfig stored = repository().find(slug).orElseThrow();
        assertThat(stored.branchId()).isEqualTo("1");
        assertThat(stored.workingHours()).hasSize(5);
        assertThat(stored.workingHours().get(java.time.DayOfWeek.MONDAY).toString()).isEqualTo("09:00-18:00");
        assertThat(stored.access().allowedSourceIps()).containsExactly("10.0.0.0/8", "192.0.2.7");
        assertThat(stored.access().tokenSha256()).isNull();
        assertThat(admin.get("/console/clinics").body()).contains(slug);
        // The same slug again: refused on the form, the stored clinic untouched.
        Map<String, String> again = validForm(slug);
        again.put("branchId", "9");
        HttpResponse<String> duplicate = post("/console/clinics", again);
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.body()).contains("data-testid=\"error-slug\">Клиника с кодом");
        assertThat(repository().find(slug).orElseThrow().branchId()).isEqualTo("1");

        Map<String, String> edit = validForm(slug);
        edit.put("branchId", "2");
        edit.put("works.SATURDAY", "on");
        edit.put("open.SATURDAY", "10:00");
        edit.put("close.SATURDAY", "14:00");
        HttpResponse<String> saved = post("/console/clinics/" + slug, edit);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(repository().find(slug).orElseThrow().branchId()).isEqualTo("2");

        String page = admin.get("/console/clinics/" + slug).body();
        assertThat(page).contains("data-testid=\"clinic-history\"").contains(ConsoleUsers.ADMIN_EMAIL)
                .contains("updated").contains("created").contains("branchId").contains("hours.SATURDAY")
                .contains("10:00-14:00");
    }

    @Test
    void aFormWithMistakesComesBackWithOneMessagePerFieldAndStoresNothing() {
        String slug = "Bad Slug";
        Map<String, String> form = validForm(slug);
        form.put("infoClinicaUrl", "http://clinic.example/api");
        form.put("branchId", "first");
        form.put("timeZone", "Asia/Almatty");
        form.put("open.MONDAY", "9:00");        // a typo in a working day is an error, not a day off
        form.put("close.TUESDAY", "25:00");
        form.put("open.SUNDAY", "10:00");       // time on a day not ticked as working
        form.put("allowedSourceIps", "10.0.0.0/33 not-an-ip");
        form.put("perMinute", "-5");
        form.put("forwardedHost", "https://clinic.example");
        form.put("assistantName", "no-such-assistant");
        HttpResponse<String> r = post("/console/clinics", form);
        assertThat(r.statusCode()).isEqualTo(200);
        String html = r.body();
        for (String field : new String[] {"slug", "infoClinicaUrl", "branchId", "timeZone", "allowedSourceIps",
                "perMinute", "forwardedHost", "assistantName", "hours-MONDAY", "hours-TUESDAY", "hours-SUNDAY"}) {
            Matcher m = Pattern.compile("data-testid=\"error-" + field + "\">([^<]+)<").matcher(html);
            assertThat(m.find()).as("a message for " + field).isTrue();
        }
        assertThat(html).contains("Asia/Almatty").contains("10.0.0.0/33, not-an-ip");
        assertThat(admin.get("/console/clinics").body()).doesNotContain("Bad Slug");
        assertThat(repository().list()).noneMatch(c -> c.timeZone().getId().equals("Asia/Almatty"));
    }

    @Test
    void anEditorReadsClinicsButCannotChangeThem() {
        String slug = createClinic();
        String email = "clinic-editor-" + System.nanoTime() + "@example.kz";
        ConsoleClient editor = ConsoleUsers.approvedEditor(admin, email, "editor-password-1");
        editor.login(email, "editor-password-1");
        HttpResponse<String> page = editor.get("/console/clinics/" + slug);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(slug).doesNotContain("data-testid=\"token-rotate\"");
        String token = editor.csrf("/console/clinics/" + slug);
        Map<String, String> form = validForm(slug);
        form.put("branchId", "7");
        form.put("_csrf", token);
        assertThat(editor.postForm("/console/clinics/" + slug, form).statusCode()).isEqualTo(403);
        assertThat(editor.postForm("/console/clinics/" + slug + "/token", Map.of("_csrf", token)).statusCode())
                .isEqualTo(403);
        Map<String, String> create = validForm("editor-made-" + System.nanoTime());
        create.put("_csrf", token);
        assertThat(editor.postForm("/console/clinics", create).statusCode()).isEqualTo(403);
        assertThat(repository().find(slug).orElseThrow().branchId()).isEqualTo("1");
        assertThat(repository().find(slug).orElseThrow().access().tokenSha256()).isNull();
    }

    @Test
    void theCertificateIsStoredAsTheClinicsSecretAndTheConnectionCheckReachesTheSimulator() throws Exception {
        String slug = createClinic();
        String cert = Files.readString(Path.of(sandbox.get("infoclinica.clientCertPem")));
        String key = Files.readString(Path.of(sandbox.get("infoclinica.clientKeyPem")));
        String ca = Files.readString(Path.of(sandbox.get("infoclinica.caCertPem")));

        // A key that is not the certificate's: refused, nothing stored.
        SandboxPki other = SandboxPki.create("another CA");
        SandboxPki.Issued stranger = other.issueClient("stranger");
        HttpResponse<String> mismatch = post("/console/clinics/" + slug + "/certificate",
                Map.of("certificatePem", cert, "privateKeyPem", Pem.privateKey(stranger.key()), "caPem", ca));
        assertThat(mismatch.body()).contains("data-testid=\"error-certificatePem\"").contains("не принят");
        assertThat(repository().find(slug).orElseThrow().certificateSecretId()).isNull();

        HttpResponse<String> uploaded = post("/console/clinics/" + slug + "/certificate",
                Map.of("certificatePem", cert, "privateKeyPem", key, "caPem", ca));
        assertThat(uploaded.statusCode()).isEqualTo(200);
        String keyLine = key.lines().skip(1).findFirst().orElseThrow();
        assertThat(uploaded.body()).contains("data-testid=\"certificate-info\"").contains("clinicai sandbox client")
                .doesNotContain(keyLine);
        String secretId = repository().find(slug).orElseThrow().certificateSecretId();
        assertThat(secretId).isEqualTo("clinicai/clinics/" + slug);
        assertThat(secrets().load(secretId).privateKeyPem().strip()).isEqualTo(key.strip());
        // The page never shows the key again.
        assertThat(admin.get("/console/clinics/" + slug).body()).doesNotContain(keyLine);

        String good = check(slug);
        assertThat(good).contains("Соединение есть").contains("WEB_SCHEDULE_INFO → HTTP 200").contains("ACK");

        // A certificate of another CA: the simulator refuses the handshake, the page shows the TLS error.
        post("/console/clinics/" + slug + "/certificate", Map.of("certificatePem", Pem.certificate(
                stranger.certificate()), "privateKeyPem", Pem.privateKey(stranger.key()), "caPem", ca));
        String wrongCa = check(slug);
        assertThat(wrongCa).contains("Соединения нет");
        assertThat(detail(wrongCa)).containsPattern(REFUSED_HANDSHAKE);

        // An expired certificate of the simulator's own CA: stored with a warning, refused in the handshake.
        SandboxPki pki = ((InfoClinicaService) PlatformStackFixture.stack().sandbox()
                .service(InfoClinicaService.NAME).orElseThrow()).pki();
        SandboxPki.Issued expired = pki.issueClient("expired client", Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        HttpResponse<String> stale = post("/console/clinics/" + slug + "/certificate", Map.of("certificatePem",
                Pem.certificate(expired.certificate()), "privateKeyPem", Pem.privateKey(expired.key()), "caPem", ca));
        assertThat(stale.body()).contains("срок действия истёк");
        String expiredCheck = check(slug);
        assertThat(expiredCheck).contains("Соединения нет").contains("клиентский сертификат просрочен");
        assertThat(detail(expiredCheck)).containsPattern(REFUSED_HANDSHAKE);
        System.out.println("wrong CA check: " + detail(wrongCa) + "\nexpired check: " + detail(expiredCheck));

        String history = admin.get("/console/clinics/" + slug).body();
        assertThat(history).contains("certificate uploaded").contains("expired client").doesNotContain(keyLine)
                .doesNotContain(Pem.privateKey(expired.key()).lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void aRotatedTokenIsRefusedAtOnceAndTheNewOneIsAdmitted() throws Exception {
        // No source allowlist: the test calls the voicebot from loopback.
        String slug = "clinic-" + System.nanoTime();
        Map<String, String> form = validForm(slug);
        form.put("allowedSourceIps", "");
        assertThat(post("/console/clinics", form).statusCode()).isEqualTo(302);
        post("/console/clinics/" + slug + "/certificate", Map.of(
                "certificatePem", Files.readString(Path.of(sandbox.get("infoclinica.clientCertPem"))),
                "privateKeyPem", Files.readString(Path.of(sandbox.get("infoclinica.clientKeyPem"))),
                "caPem", Files.readString(Path.of(sandbox.get("infoclinica.caCertPem")))));
        String first = newToken(slug);
        assertThat(repository().find(slug).orElseThrow().access().tokenSha256()).isEqualTo(AccessPolicy.hash(first));
        // Admitted: the request reaches InfoClinica through the stored certificate (unknown appointment: 404).
        assertThat(voicebot(slug, first).statusCode()).isEqualTo(404);

        String second = newToken(slug);
        assertThat(second).isNotEqualTo(first);
        assertThat(voicebot(slug, first).statusCode()).isEqualTo(401);
        assertThat(voicebot(slug, second).statusCode()).isEqualTo(404);
        String page = admin.get("/console/clinics/" + slug).body();
        assertThat(page).contains("token rotated").contains("token created").doesNotContain(first)
                .doesNotContain(second).doesNotContain(AccessPolicy.hash(second));
    }

    private static String newToken(String slug) {
        HttpResponse<String> r = post("/console/clinics/" + slug + "/token", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        Matcher m = TOKEN.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1).strip();
    }

    private static HttpResponse<String> voicebot(String slug, String token) {
        return PlatformStackFixture.send("POST", PlatformStackFixture.api() + "/voicebot/" + slug + "/v1/",
                "{\"appointment_id\": 987654321, \"user_input\": \"да, приду\"}", "authorization", "Bearer " + token);
    }

    private static String check(String slug) {
        HttpResponse<String> r = post("/console/clinics/" + slug + "/check", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data-testid=\"check-result\"");
        return r.body();
    }

    private static String detail(String html) {
        Matcher m = Pattern.compile("data-testid=\"check-detail\">([^<]*)<").matcher(html);
        return m.find() ? m.group(1) : "";
    }

    private static String createClinic() {
        String slug = "clinic-" + System.nanoTime();
        HttpResponse<String> r = post("/console/clinics", validForm(slug));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return slug;
    }

    private static Map<String, String> validForm(String slug) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("slug", slug);
        form.put("infoClinicaUrl", sandbox.get("infoclinica.baseUrl"));
        form.put("branchId", "1");
        form.put("timeZone", "Asia/Almaty");
        for (String day : new String[] {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) {
            form.put("works." + day, "on");
            form.put("open." + day, "09:00");
            form.put("close." + day, "18:00");
        }
        form.put("onlineType", "0");
        form.put("allowedSourceIps", "10.0.0.0/8\n192.0.2.7");
        form.put("perMinute", "1000");
        form.put("perMinutePerIp", "1000");
        form.put("assistantName", "infoclinica-clinic-voicebot");
        return form;
    }

    /** An admin's form post with the CSRF token of the clinics page. */
    private static HttpResponse<String> post(String path, Map<String, String> form) {
        Map<String, String> body = new LinkedHashMap<>(form);
        body.put("_csrf", admin.csrf("/console/clinics"));
        return admin.postForm(path, body);
    }

    /** The local Secrets Manager, read as the voicebot reads a clinic's certificate. */
    private static SecretsManagerClinicCertificates secrets() {
        return new SecretsManagerClinicCertificates(SecretsManagerClient.builder()
                .endpointOverride(java.net.URI.create(PlatformStackFixture.stack().secretsManager().endpoint()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsClients.ACCESS_KEY,
                        AwsClients.SECRET_KEY))).build());
    }

    private static DynamoDbClinicRepository repository() {
        return new DynamoDbClinicRepository(DynamoDbEnhancedClient.builder()
                .dynamoDbClient(PlatformStackFixture.stack().aws().dynamo()).build(), "ClinicsTable");
    }
}
