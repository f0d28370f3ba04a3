package kz.clinicai.local.sandbox.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.SheetsScopes;
import com.google.api.services.sheets.v4.model.AddSheetRequest;
import com.google.api.services.sheets.v4.model.AppendValuesResponse;
import com.google.api.services.sheets.v4.model.BatchUpdateSpreadsheetRequest;
import com.google.api.services.sheets.v4.model.Request;
import com.google.api.services.sheets.v4.model.SheetProperties;
import com.google.api.services.sheets.v4.model.Spreadsheet;
import com.google.api.services.sheets.v4.model.ValueRange;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kz.clinicai.local.sandbox.Sandbox;
import kz.clinicai.shared.json.Json;
import kz.clinicai.shared.time.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SheetsSandboxTest {

    /**
     * Starts at the machine's time because Google's auth library stamps its JWT with that time, then moves only
     * when a test says so (quota minutes).
     */

    private final MovableClock clock = new MovableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond() / 60 * 60));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Sandbox sandbox;
    private Map<String, String> settings;
    private Sheets sheets;
    private String spreadsheetId;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(0, List.of(new SheetsSandbox(clock)));
        settings = sandbox.settings();
        spreadsheetId = settings.get("sheets.spreadsheetId");
        GoogleCredentials credentials;
        try (InputStream in = Files.newInputStream(Path.of(settings.get("sheets.credentialsJson")))) {
            credentials = GoogleCredentials.fromStream(in).createScoped(SheetsScopes.SPREADSHEETS);
        }
        sheets = new Sheets.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                request -> {
                    new HttpCredentialsAdapter(credentials).initialize(request);
                    request.setConnectTimeout(5_000);
                    request.setReadTimeout(10_000);
                })
                .setRootUrl(settings.get("sheets.rootUrl"))
                .setApplicationName("clinicai-sandbox-test")
                .build();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private AppendValuesResponse append(String range, List<List<Object>> rows) throws IOException {
        return sheets.spreadsheets().values().append(spreadsheetId, range, new ValueRange().setValues(rows))
                .setValueInputOption("USER_ENTERED").setInsertDataOption("INSERT_ROWS").execute();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void credentialsFileIsAGoogleServiceAccountWhoseTokenUriIsTheSandbox() throws Exception {
        ServiceAccountCredentials credentials;
        try (InputStream in = Files.newInputStream(Path.of(settings.get("sheets.credentialsJson")))) {
            credentials = ServiceAccountCredentials.fromStream(in);
        }
        assertThat(credentials.getClientEmail()).endsWith(".iam.gserviceaccount.com");
        assertThat(credentials.getTokenServerUri().toString()).isEqualTo(sandbox.mountUrl("sheets") + "/token");
        assertThat(settings.get("sheets.rootUrl")).isEqualTo(sandbox.mountUrl("sheets") + "/");
        assertThat(credentials.createScoped(SheetsScopes.SPREADSHEETS).refreshAccessToken().getTokenValue())
                .isNotBlank();
    }

    @Test
    void realClientAppendsRowsAndReadsThemBack() throws Exception {
        AppendValuesResponse first = append("'Звонки'!A:Z",
                List.of(List.of("call-1", "2026-11-21 10:00", 42, "записалась"),
                        List.of("call-2", "2026-11-21 10:05", "7.50", "отказ")));
        AppendValuesResponse second = append("'Звонки'!A:Z", List.of(List.of("call-3", "2026-11-21 11:00", 0, "ok")));

        assertThat(first.getSpreadsheetId()).isEqualTo(spreadsheetId);
        assertThat(first.getTableRange()).isNull();
        assertThat(first.getUpdates().getUpdatedRange()).isEqualTo("'Звонки'!A1:D2");
        assertThat(first.getUpdates().getUpdatedRows()).isEqualTo(2);
        assertThat(first.getUpdates().getUpdatedColumns()).isEqualTo(4);
        assertThat(first.getUpdates().getUpdatedCells()).isEqualTo(8);
        assertThat(second.getTableRange()).isEqualTo("'Звонки'!A1:D2");
        assertThat(second.getUpdates().getUpdatedRange()).isEqualTo("'Звонки'!A3:D3");

        ValueRange read = sheets.spreadsheets().values().get(spreadsheetId, "'Звонки'!A1:D10").execute();
        assertThat(read.getRange()).isEqualTo("'Звонки'!A1:D10");
        assertThat(read.getValues()).containsExactly(
                List.of("call-1", "2026-11-21 10:00", "42", "записалась"),
                List.of("call-2", "2026-11-21 10:05", "7.5", "отказ"),
                List.of("call-3", "2026-11-21 11:00", "0", "ok"));

        ValueRange unformatted = sheets.spreadsheets().values().get(spreadsheetId, "'Звонки'!C1:C1")
                .setValueRenderOption("UNFORMATTED_VALUE").execute();
        assertThat(((Number) unformatted.getValues().get(0).get(0)).intValue()).isEqualTo(42);

        JsonNode dump = Json.mapper().readTree(send(HttpRequest.newBuilder(
                URI.create(sandbox.mountUrl("sheets") + "/_control/spreadsheets"))).body());
        assertThat(dump.findValues("values").toString()).contains("call-3");
    }

    @Test
    void batchUpdateAddsASheetThatAppendsThenWriteTo() throws Exception {
        var reply = sheets.spreadsheets().batchUpdate(spreadsheetId, new BatchUpdateSpreadsheetRequest()
                .setRequests(List.of(new Request().setAddSheet(new AddSheetRequest()
                        .setProperties(new SheetProperties().setTitle("Отчёт 2026")))))).execute();
        assertThat(reply.getReplies().get(0).getAddSheet().getProperties().getTitle()).isEqualTo("Отчёт 2026");

        append("'Отчёт 2026'!A1:C1", List.of(List.of("a", "b", "c")));

        Spreadsheet spreadsheet = sheets.spreadsheets().get(spreadsheetId).execute();
        assertThat(spreadsheet.getSheets()).extracting(s -> s.getProperties().getTitle()).contains("Отчёт 2026");
        assertThat(sheets.spreadsheets().values().get(spreadsheetId, "'Отчёт 2026'").execute().getValues())
                .containsExactly(List.of("a", "b", "c"));

        assertThatThrownBy(() -> sheets.spreadsheets().batchUpdate(spreadsheetId, new BatchUpdateSpreadsheetRequest()
                .setRequests(List.of(new Request().setAddSheet(new AddSheetRequest()
                        .setProperties(new SheetProperties().setTitle("Отчёт 2026")))))).execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThatThrownBy(() -> append("Nope!A:B", List.of(List.of("x"))))
                .isInstanceOfSatisfying(GoogleJsonResponseException.class,
                        e -> assertThat(e.getDetails().getMessage()).contains("Unable to parse range"));
    }

    @Test
    void unknownBearerTokenIsUnauthenticatedAndABadAssertionIsAnInvalidGrant() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(settings.get("sheets.rootUrl")
                        + "v4/spreadsheets/" + spreadsheetId)).header("Authorization", "Bearer ya29.forged").GET());

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = Json.mapper().readTree(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(401);
        assertThat(error.path("status").asText()).isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(sandbox.mountUrl("sheets") + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=e30.e30.c2ln")));
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(token.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void writeQuotaRefusesTheRequestBeyondTheMinuteUntilTheNextMinute() throws Exception {
        HttpResponse<String> on = send(HttpRequest.newBuilder(
                        URI.create(sandbox.mountUrl("sheets") + "/_control/quota"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"writesPerMinute\":2}")));
        assertThat(on.statusCode()).isEqualTo(200);
        append("Calls!A:C", List.of(List.of("1")));
        append("Calls!A:C", List.of(List.of("2")));

        assertThatThrownBy(() -> append("Calls!A:C", List.of(List.of("3"))))
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getDetails().get("status")).isEqualTo("RESOURCE_EXHAUSTED");
                    assertThat(e.getDetails().getMessage()).contains("Write requests per minute per user");
                });

        clock.advance(Duration.ofMinutes(1));
        append("Calls!A:C", List.of(List.of("3")));
        assertThat(sheets.spreadsheets().values().get(spreadsheetId, "Calls!A:A").execute().getValues())
                .containsExactly(List.of("1"), List.of("2"), List.of("3"));
    }

    @Test
    void requestOverTwoMegabytesIsRefused() {
        String big = "x".repeat(SheetsSandbox.MAX_REQUEST_BYTES);

        assertThatThrownBy(() -> append("Calls!A:A", List.of(List.of(big))))
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getDetails().getMessage()).startsWith("Request payload size exceeds the limit");
                });
    }

    @Test
    void pageIsServedWithItsMainElements() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(sandbox.mountUrl("sheets") + "/ui")));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Sheets sandbox</title>", "id=\"spreadsheets\"",
                "/_control/spreadsheets", "setInterval");
        assertThat(page.body()).doesNotContain("http://", "https://");
        assertThat(sandbox.service("sheets").orElseThrow().pages()).containsEntry("Sheets sandbox", "ui");
    }
}
