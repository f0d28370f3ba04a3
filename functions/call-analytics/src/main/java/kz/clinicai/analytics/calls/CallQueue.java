package kz.clinicai.analytics.calls;

import java.time.Duration;

/** The per-call work queue: one message {@code {"profileId","callId"}} per call. */
public interface CallQueue {

    void send(CallJob job, Duration delay);

    record CallJob(String profileId, long callId) {
    }
}
