package kz.clinicai.analytics.sheets;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileRepository;
import kz.clinicai.analytics.profile.SheetColumnsTitles;
import kz.clinicai.analytics.worker.RecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the rows of finished calls, per profile, in few requests: all pending rows in appends of at most ~2 MB,
 * under a lease (one writer per profile). The ledger (each call's {@code sheetState}/{@code sheetRange}) makes rows
 * exactly-once: a call is marked "appending" before its append and "written" with its range after; an append whose
 * outcome is unknown is resolved by looking the call ids up in the sheet's call-id column before anything is
 * appended again. A quota refusal (429) waits with exponential backoff and jitter; what does not fit in this run
 * stays pending for the next one — nothing is dropped.
 */
public final class SheetsWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SheetsWriter.class);
    private static final Pattern FIRST_ROW = Pattern.compile("![A-Z]+(\\d+)");

    /**
     * @param maxRequestBytes bound of one append's body (Google: ~2 MB)
     * @param maxRows         rows read per run and profile
     * @param backoffBase     first 429 wait; doubles up to backoffMax, with jitter
     */
    public record Settings(int maxRequestBytes, int maxRows, Duration backoffBase, Duration backoffMax,
                           Duration lease) {
    }

    /** What one profile's flush did. */
    public record Outcome(String profileId, int written, int updated, int requests, String stoppedBy) {
    }

    private final ProfileRepository profiles;
    private final CallStore calls;
    private final RecordingStore files;
    private final WriterLease lease;
    private final Function<Profile, SheetsGateway> gateways;
    private final RowFormatter formatter;
    private final Settings settings;
    private final Clock clock;
    private final AtomicLong writeRequests = new AtomicLong();

    public SheetsWriter(ProfileRepository profiles, CallStore calls, RecordingStore files, WriterLease lease,
                        Function<Profile, SheetsGateway> gateways, RowFormatter formatter, Settings settings,
                        Clock clock) {
        this.profiles = profiles;
        this.calls = calls;
        this.files = files;
        this.lease = lease;
        this.gateways = gateways;
        this.formatter = formatter;
        this.settings = settings;
        this.clock = clock;
    }

    /** Write requests sent by this instance so far (benchmark figure). */
    public long writeRequests() {
        return writeRequests.get();
    }

    public List<Outcome> flushAll(Instant deadline) {
        List<Outcome> out = new ArrayList<>();
        for (Profile p : profiles.list()) {
            if (p.isEnabled()) {
                out.add(flush(p, deadline));
            }
        }
        return out;
    }

    public Outcome flush(Profile profile, Instant deadline) {
        List<CallRecord> pending = calls.pendingRows(profile.profileId(), settings.maxRows());
        if (pending.isEmpty()) {
            return new Outcome(profile.profileId(), 0, 0, 0, null);
        }
        String token = lease.acquire(profile.profileId(), settings.lease());
        if (token == null) {
            return new Outcome(profile.profileId(), 0, 0, 0, "another writer holds the lease");
        }
        Run run = new Run(profile, deadline);
        try {
            run.write(pending);
        } catch (SheetsGateway.NotAccessible e) {
            LOG.error("Sheet of profile {} is not accessible, {} rows wait: {}", profile.profileId(), pending.size(),
                    e.getMessage());
            run.stoppedBy = "not_accessible: " + e.getMessage();
        } catch (Backoff e) {
            run.stoppedBy = "quota";
        } catch (SheetsGateway.OutcomeUnknown e) {
            LOG.warn("Sheets append of profile {} has an unknown outcome; the next run looks the rows up: {}",
                    profile.profileId(), e.getMessage());
            run.stoppedBy = "outcome_unknown";
        } finally {
            lease.release(profile.profileId(), token);
        }
        LOG.info("Sheet of profile {}: {} rows appended, {} updated in {} requests{}", profile.profileId(), run.written,
                run.updated, run.requests, run.stoppedBy == null ? "" : ", stopped: " + run.stoppedBy);
        return new Outcome(profile.profileId(), run.written, run.updated, run.requests, run.stoppedBy);
    }

    /** The run gave up waiting for the quota (deadline): the rest stays pending. */
    private static final class Backoff extends RuntimeException {
        Backoff() {
            super(null, null, false, false);
        }
    }

    private final class Run {
        final Profile profile;
        final Instant deadline;
        SheetsGateway sheet;
        int written;
        int updated;
        int requests;
        String stoppedBy;

        Run(Profile profile, Instant deadline) {
            this.profile = profile;
            this.deadline = deadline;
        }

        void write(List<CallRecord> pending) {
            sheet = gateways.apply(profile);
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

        /** Runs one request; 429 → wait (exponential, jittered) and repeat while the deadline allows. */
        private <T> T withQuota(java.util.function.Supplier<T> request) {
            Duration wait = settings.backoffBase();
            while (true) {
                requests++;
                writeRequests.incrementAndGet();
                try {
                    return request.get();
                } catch (SheetsGateway.QuotaExceeded e) {
                    long jittered = wait.toMillis() / 2 + ThreadLocalRandom.current().nextLong(wait.toMillis() / 2 + 1);
                    if (clock.instant().plusMillis(jittered).plusSeconds(5).isAfter(deadline)) {
                        LOG.warn("Sheets quota of profile {} still exhausted; rows stay pending for the next run",
                                profile.profileId());
                        throw new Backoff();
                    }
                    LOG.info("Sheets quota exhausted (429); retrying in {} ms", jittered);
                    sleep(jittered);
                    wait = wait.multipliedBy(2).compareTo(settings.backoffMax()) > 0 ? settings.backoffMax()
                            : wait.multipliedBy(2);
                }
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

    static Map<String, Object> none() {
        return new LinkedHashMap<>();
    }
}
