package kz.clinicai.analytics.sheets;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.model.AppendValuesResponse;
import com.google.api.services.sheets.v4.model.ValueRange;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SheetsGateway} over google-api-services-sheets: service-account credentials (the JWT flow against the
 * key's {@code token_uri}), a configurable root URL (the local sandbox), explicit connect/read timeouts. Values
 * are always written {@code RAW}: a transcript starting with "=" stays text, never a formula.
 */
public final class GoogleSheetsGateway implements SheetsGateway {

    static final String SCOPE = "https://www.googleapis.com/auth/spreadsheets";
    private static final HttpTransport TRANSPORT = new NetHttpTransport();

    private final Sheets sheets;
    private final String spreadsheetId;
    private final String sheetName;

    public GoogleSheetsGateway(Sheets sheets, String spreadsheetId, String sheetName) {
        this.sheets = sheets;
        this.spreadsheetId = spreadsheetId;
        this.sheetName = sheetName;
    }

    /** A client for the key JSON {@code serviceAccountJson}; builds no connection until the first request. */
    public static Sheets client(String serviceAccountJson, String rootUrl, Duration connectTimeout, Duration readTimeout) {
        GoogleCredentials credentials;
        try {
            credentials = ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(serviceAccountJson.getBytes(StandardCharsets.UTF_8)), () -> TRANSPORT)
                    .createScoped(List.of(SCOPE));
        } catch (IOException | RuntimeException e) {
            throw new NotAccessible("the Google service-account key is not usable: " + e.getClass().getSimpleName());
        }
        HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
        HttpRequestInitializer init = request -> {
            auth.initialize(request);
            request.setConnectTimeout((int) connectTimeout.toMillis());
            request.setReadTimeout((int) readTimeout.toMillis());
            // Retries are ours (backoff with jitter, ledger lookups): the client must not repeat an append itself.
            request.setNumberOfRetries(0);
        };
        return new Sheets.Builder(TRANSPORT, GsonFactory.getDefaultInstance(), init)
                .setRootUrl(rootUrl).setApplicationName("clinicai-call-analytics").build();
    }

    private String a1(String cells) {
        return "'" + sheetName.replace("'", "''") + "'!" + cells;
    }

    @Override
    public List<String> header() {
        ValueRange v = run(() -> sheets.spreadsheets().values().get(spreadsheetId, a1("1:1"))
                .setValueRenderOption("FORMATTED_VALUE").execute(), false);
        List<String> out = new ArrayList<>();
        if (v.getValues() != null && !v.getValues().isEmpty()) {
            v.getValues().get(0).forEach(c -> out.add(c == null ? "" : c.toString()));
        }
        return out;
    }

    @Override
    public void writeHeader(int fromColumn, List<String> titles) {
        ValueRange body = new ValueRange().setValues(List.of(new ArrayList<>(titles)));
        run(() -> sheets.spreadsheets().values().update(spreadsheetId, a1(letters(fromColumn) + "1"), body)
                .setValueInputOption("RAW").execute(), true);
    }

    @Override
    public String append(List<List<Object>> rows) {
        ValueRange body = new ValueRange().setValues(rows);
        AppendValuesResponse r = run(() -> sheets.spreadsheets().values().append(spreadsheetId, a1("A1"), body)
                .setValueInputOption("RAW").setInsertDataOption("INSERT_ROWS").execute(), true);
        return r.getUpdates() == null ? "" : r.getUpdates().getUpdatedRange();
    }

    @Override
    public void update(String range, List<Object> row) {
        ValueRange body = new ValueRange().setValues(List.of(row));
        run(() -> sheets.spreadsheets().values().update(spreadsheetId, range, body).setValueInputOption("RAW")
                .execute(), true);
    }

    @Override
    public List<String> column(int column) {
        String c = letters(column);
        ValueRange v = run(() -> sheets.spreadsheets().values().get(spreadsheetId, a1(c + "2:" + c))
                .setValueRenderOption("UNFORMATTED_VALUE").execute(), false);
        List<String> out = new ArrayList<>();
        if (v.getValues() != null) {
            v.getValues().forEach(r -> out.add(r.isEmpty() || r.get(0) == null ? "" : r.get(0).toString()));
        }
        return out;
    }

    /** A1 letters of a 0-based column. */
    static String letters(int index) {
        StringBuilder b = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            b.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return b.toString();
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T run(Call<T> call, boolean write) {
        try {
            return call.run();
        } catch (GoogleJsonResponseException e) {
            int status = e.getStatusCode();
            String message = e.getDetails() != null ? e.getDetails().getMessage() : e.getStatusMessage();
            if (status == 429) {
                throw new QuotaExceeded(message);
            }
            if (status == 404 || status == 403 || (status == 400 && String.valueOf(message).contains("Unable to parse range"))) {
                throw new NotAccessible("spreadsheet " + spreadsheetId + " / sheet '" + sheetName + "': " + message);
            }
            if (status >= 500 && write) {
                throw new OutcomeUnknown("Sheets " + status + ": " + message, e);
            }
            throw new IllegalStateException("Sheets " + status + ": " + message, e);
        } catch (InterruptedIOException e) {
            throw new OutcomeUnknown("Sheets request timed out", e);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("invalid_grant")) {
                throw new NotAccessible("the Google token endpoint refused the service account: " + e.getMessage());
            }
            throw new OutcomeUnknown("Sheets request failed: " + e, e);
        }
    }
}
