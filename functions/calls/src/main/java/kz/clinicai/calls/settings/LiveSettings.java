package kz.clinicai.calls.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kz.clinicai.calls.api.CallingHours;
import kz.clinicai.calls.call.CallRepository;
import kz.clinicai.calls.call.StoredSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run-time settings as the calls functions see them: the stored item read at most once per {@link #TTL} per
 * container (a change in the console reaches every warm function within that time), merged over the template's
 * defaults. A read that fails keeps what was last read (or the defaults): a live call never fails for want of them.
 */
public final class LiveSettings {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSettings.class);
    /** How long a container trusts what it read: short, so a change is felt within a minute. */
    public static final Duration TTL = Duration.ofSeconds(30);

    private final CallRepository repository;
    private final RuntimeSettings defaults;
    private final Clock clock;
    private RuntimeSettings cached;
    private Instant readAt = Instant.MIN;

    public LiveSettings(CallRepository repository, RuntimeSettings defaults, Clock clock) {
        this.repository = repository;
        this.defaults = defaults;
        this.clock = clock;
        this.cached = defaults;
    }

    public RuntimeSettings defaults() {
        return defaults;
    }

    /** The settings in force, from the cache when it is younger than {@link #TTL}. */
    public synchronized RuntimeSettings current() {
        Instant now = clock.instant();
        if (readAt.equals(Instant.MIN) || !now.isBefore(readAt.plus(TTL))) {
            try {
                cached = merge(defaults, repository.settings());
            } catch (RuntimeException e) {
                LOG.warn("Calls settings could not be read, keeping the last known: {}", e.toString());
            }
            readAt = now;
        }
        return cached;
    }

    /** The stored item itself, read now (the settings API shows what is set and what is default). */
    public StoredSettings stored() {
        return repository.settings();
    }

    /** Stores new settings (already validated) and uses them at once in this container. */
    public synchronized StoredSettings save(StoredSettings next) {
        StoredSettings saved = repository.saveSettings(next);
        cached = merge(defaults, saved);
        readAt = clock.instant();
        return saved;
    }

    /** Stored over defaults; a stored value that does not parse (an item edited by hand) falls back to the default. */
    public static RuntimeSettings merge(RuntimeSettings defaults, StoredSettings stored) {
        CallingHours hours = defaults.hours();
        if (stored.callingHours() != null) {
            try {
                hours = CallingHours.parse(stored.callingHours());
            } catch (RuntimeException e) {
                LOG.warn("Stored calling hours '{}' are not valid; the default {} applies", stored.callingHours(),
                        defaults.hours());
            }
        }
        return new RuntimeSettings(
                stored.operatorPhone() != null ? stored.operatorPhone() : defaults.operatorPhone(),
                hours,
                stored.retryIntervalSeconds() != null && stored.retryIntervalSeconds() > 0
                        ? Duration.ofSeconds(stored.retryIntervalSeconds()) : defaults.retryInterval(),
                stored.maxAttempts() != null && stored.maxAttempts() > 0 ? stored.maxAttempts() : defaults.maxAttempts());
    }
}
