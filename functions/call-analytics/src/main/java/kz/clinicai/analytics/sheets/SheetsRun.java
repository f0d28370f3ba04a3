package kz.clinicai.analytics.sheets;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.SheetColumnsTitles;
import kz.clinicai.analytics.worker.RecordingStore;
import kz.clinicai.shared.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One profile's flush of {@link SheetsWriter}: the header (new criteria's columns at its right), rows of retried
 * calls updated in place, appends whose outcome was unknown resolved by the call-id column, then the rest appended
 * in batches of at most {@code maxRequestBytes}, each under the ledger's marks; a quota refusal waits with the shared
 * {@link Backoff} while the deadline allows. Counts what it did.
 */
final class SheetsRun {

    private static final Logger LOG = LoggerFactory.getLogger(SheetsRun.class);
    private static final Pattern FIRST_ROW = Pattern.compile("![A-Z]+(\\d+)");

    /** The run gave up waiting for the quota (deadline): the rest stays pending. */
    static final class QuotaWaitOver extends RuntimeException {
        QuotaWaitOver() {
            super(null, null, false, false);
        }
    }

    private final Profile profile;
    private final Instant deadline;
    private final CallStore calls;
    private final RecordingStore files;
    private final RowFormatter formatter;
    private final SheetsWriter.Settings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final AtomicLong writeRequests;
    private SheetsGateway sheet;
    int written;
    int updated;
    int requests;
    String stoppedBy;

    SheetsRun(Profile profile, Instant deadline, CallStore calls, RecordingStore files, RowFormatter formatter,
              SheetsWriter.Settings settings, Clock clock, AtomicLong writeRequests) {
        this.profile = profile;
        this.deadline = deadline;
        this.calls = calls;
        this.files = files;
        this.formatter = formatter;
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
        this.clock = clock;
        this.writeRequests = writeRequests;
    }

    void write(SheetsGateway sheet, List<CallRecord> pending) {
        this.sheet = sheet;
        List<String> header = header();
        int idColumn = header.indexOf(SheetColumnsTitles.CALL_ID);
        String lastColumn = GoogleSheetsGateway.letters(header.size() - 1);
        List<CallRecord> toAppend = new ArrayList<>();
        List<CallRecord> unknown = new ArrayList<>();
        for (CallRecord c : pending) {
            if ("appending".equals(c.sheetState())) {
                unknown.add(c);
            } else if (c.sheetRange() != null) {
                // A retried call: its row keeps its place.
                List<Object> row = formatter.row(profile, header, c, transcript(c));
                withQuota(() -> {
                    sheet.update(c.sheetRange(), row);
                    return null;
                });
                calls.markWritten(profile.profileId(), c.callId(), c.sheetRange());
                updated++;
            } else {
                toAppend.add(c);
            }
        }
        if (!unknown.isEmpty()) {
            toAppend.addAll(resolveUnknown(unknown, idColumn, lastColumn));
        }
        List<List<CallRecord>> batches = new ArrayList<>();
        List<List<List<Object>>> rows = new ArrayList<>();
        List<CallRecord> batch = new ArrayList<>();
        List<List<Object>> batchRows = new ArrayList<>();
        long bytes = 0;
        for (CallRecord c : toAppend) {
            List<Object> row = formatter.row(profile, header, c, transcript(c));
            long size = size(row);
            if (!batch.isEmpty() && bytes + size > settings.maxRequestBytes()) {
                batches.add(batch);
                rows.add(batchRows);
                batch = new ArrayList<>();
                batchRows = new ArrayList<>();
                bytes = 0;
            }
            batch.add(c);
            batchRows.add(row);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
            rows.add(batchRows);
        }
        for (int i = 0; i < batches.size(); i++) {
            append(batches.get(i), rows.get(i), lastColumn);
        }
    }

    /** Creates the header, or appends the columns of new criteria at its right: existing columns never move. */
    private List<String> header() {
        List<String> existing = withQuota(sheet::header);
        List<String> wanted = RowFormatter.columns(profile);
        if (existing.stream().allMatch(String::isBlank)) {
            withQuota(() -> {
                sheet.writeHeader(0, wanted);
                return null;
            });
            return wanted;
        }
        List<String> missing = wanted.stream().filter(t -> !existing.contains(t)).toList();
        if (missing.isEmpty()) {
            return existing;
        }
        withQuota(() -> {
            sheet.writeHeader(existing.size(), missing);
            return null;
        });
        List<String> out = new ArrayList<>(existing);
        out.addAll(missing);
        LOG.info("Sheet of profile {}: columns added {}", profile.profileId(), missing);
        return out;
    }

    private void append(List<CallRecord> batch, List<List<Object>> rows, String lastColumn) {
        String batchId = UUID.randomUUID().toString();
        List<CallRecord> marked = new ArrayList<>();
        List<List<Object>> markedRows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (calls.markAppending(profile.profileId(), batch.get(i).callId(), batchId)) {
                marked.add(batch.get(i));
                markedRows.add(rows.get(i));
            }
        }
        if (marked.isEmpty()) {
            return;
        }
        String range = withQuota(() -> sheet.append(markedRows));
        Matcher m = FIRST_ROW.matcher(range);
        if (!m.find()) {
            throw new SheetsGateway.OutcomeUnknown("append answered no range: " + range, null);
        }
        int first = Integer.parseInt(m.group(1));
        for (int i = 0; i < marked.size(); i++) {
            int row = first + i;
            calls.markWritten(profile.profileId(), marked.get(i).callId(), rowRange(row, lastColumn));
            written++;
        }
    }

    /** Calls whose append may or may not have landed: found in the call-id column → written; else append again. */
    private List<CallRecord> resolveUnknown(List<CallRecord> unknown, int idColumn, String lastColumn) {
        List<String> ids = withQuota(() -> sheet.column(idColumn));
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            rowOf.putIfAbsent(ids.get(i), i + 2);
        }
        List<CallRecord> again = new ArrayList<>();
        for (CallRecord c : unknown) {
            Integer row = rowOf.get(String.valueOf(c.callId()));
            if (row != null) {
                calls.markWritten(profile.profileId(), c.callId(), rowRange(row, lastColumn));
                written++;
            } else {
                again.add(c);
            }
        }
        LOG.info("Sheet of profile {}: {} rows of an unknown append found, {} to append again",
                profile.profileId(), unknown.size() - again.size(), again.size());
        return again;
    }

    private String rowRange(int row, String lastColumn) {
        return "'" + profile.sheet().sheetName().replace("'", "''") + "'!A" + row + ":" + lastColumn + row;
    }

    private String transcript(CallRecord c) {
        return c.transcriptKey() == null ? "" : files.getText(c.transcriptKey());
    }

    /** Runs one request; 429 → wait (exponential, jittered: the shared Backoff) and repeat while the deadline allows. */
    private <T> T withQuota(Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            requests++;
            writeRequests.incrementAndGet();
            try {
                return request.get();
            } catch (SheetsGateway.QuotaExceeded e) {
                long wait = backoff.delay(attempt).toMillis();
                if (clock.instant().plusMillis(wait).plusSeconds(5).isAfter(deadline)) {
                    LOG.warn("Sheets quota of profile {} still exhausted; rows stay pending for the next run",
                            profile.profileId());
                    throw new QuotaWaitOver();
                }
                LOG.info("Sheets quota exhausted (429); retrying in {} ms", wait);
                sleep(wait);
            }
        }
    }

    /** Bytes the row adds to the request's JSON (UTF-8, with quoting and escapes approximated). */
    static long size(List<Object> row) {
        long n = 4;
        for (Object v : row) {
            n += String.valueOf(v).getBytes(StandardCharsets.UTF_8).length * 11L / 10 + 4;
        }
        return n;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
