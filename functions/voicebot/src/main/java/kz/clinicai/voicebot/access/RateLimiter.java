package kz.clinicai.voicebot.access;

import java.time.Instant;

/** Fixed one-minute windows of weighted request counts, shared by every instance of the function. */
public interface RateLimiter {

    /** Adds {@code weight} to {@code key}'s counter of the minute of {@code now}; returns the total after adding. */
    long add(String key, int weight, Instant now);
}
