package dev.agentkanban.auth.limit;

import java.time.Duration;

/**
 * A 429: the caller went over a limit and may retry after {@code retryAfter}. {@code flat} is set
 * on the {@code /api/auth/*} endpoints, which answer {@code {"message","code"}} like the auth
 * library the clients were written against; elsewhere the answer is the usual error envelope.
 */
public class RateLimited extends RuntimeException {

    public static final String CODE = "RATE_LIMITED";

    private final long retryAfterSeconds;
    private final boolean flat;

    public RateLimited(String message, long retryAfterSeconds, boolean flat) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
        this.flat = flat;
    }

    /** Whole seconds, rounded up, at least 1: what {@code Retry-After} says. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean flat() {
        return flat;
    }
}
