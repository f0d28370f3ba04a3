package kz.clinicai.shared.usage;

/**
 * The one way every function meters its model calls (DESIGN §3). Recording never fails the caller: a patient's
 * call or a visitor's reply matters more than a usage row, so implementations log and swallow their own errors.
 */
@FunctionalInterface
public interface UsageRecorder {

    /** Records nothing (tests, tools). */
    UsageRecorder NONE = usage -> {
    };

    void record(Usage usage);
}
