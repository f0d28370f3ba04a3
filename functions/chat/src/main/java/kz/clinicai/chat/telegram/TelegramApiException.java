package kz.clinicai.chat.telegram;

import java.time.Duration;
import java.util.Optional;

/** A failed Bot API call: an error answer ({@code ok:false}) or no answer at all (status 0). */
public final class TelegramApiException extends RuntimeException {

    private final int status;
    private final Optional<Duration> retryAfter;

    public TelegramApiException(int status, String description, Optional<Duration> retryAfter, Throwable cause) {
        super("Telegram " + (status == 0 ? "unreachable" : "error " + status) + ": " + description, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** Set on 429: how long Telegram asks us to wait. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public boolean rateLimited() {
        return status == 429;
    }

    /**
     * The request itself is wrong (bad chat, blocked bot, malformed text): sending it again cannot succeed.
     * 401 is not here: a bad bot token is our configuration, fixed by a deploy while the message waits.
     */
    public boolean permanent() {
        return status == 400 || status == 403 || status == 404;
    }
}
