package kz.clinicai.analytics.sheets;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import kz.clinicai.analytics.calls.CallRecord;
import kz.clinicai.analytics.calls.CallStore;
import kz.clinicai.analytics.profile.Profile;
import kz.clinicai.analytics.profile.ProfileRepository;
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
                        Function<Profile, SheetsGateway> gateways, URI recordingsBaseUrl, Settings settings,
                        Clock clock) {
        this.profiles = profiles;
        this.calls = calls;
        this.files = files;
        this.lease = lease;
        this.gateways = gateways;
        this.formatter = new RowFormatter(recordingsBaseUrl);
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

    Outcome flush(Profile profile, Instant deadline) {
        List<CallRecord> pending = calls.pendingRows(profile.profileId(), settings.maxRows());
        if (pending.isEmpty()) {
            return new Outcome(profile.profileId(), 0, 0, 0, null);
        }
        String token = lease.acquire(profile.profileId(), settings.lease());
        if (token == null) {
            return new Outcome(profile.profileId(), 0, 0, 0, "another writer holds the lease");
        }
        SheetsRun run = new SheetsRun(profile, deadline, calls, files, formatter, settings, clock, writeRequests);
        try {
            run.write(gateways.apply(profile), pending);
        } catch (SheetsGateway.NotAccessible e) {
            LOG.error("Sheet of profile {} is not accessible, {} rows wait: {}", profile.profileId(), pending.size(),
                    e.getMessage());
            run.stoppedBy = "not_accessible: " + e.getMessage();
        } catch (SheetsRun.QuotaWaitOver e) {
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
}
