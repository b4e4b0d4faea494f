package dev.agentkanban.auth.limit;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;

/**
 * A rate as configured: {@code <count>/<period>} (e.g. {@code 10/10m}), read as a token bucket
 * that holds {@code count} tokens and refills all of them over {@code period}; {@code off}
 * switches the limit off.
 */
public record Limit(int count, Duration period) {

    public static final Limit OFF = new Limit(0, Duration.ZERO);

    public static Limit parse(String text) {
        String value = text.trim();
        if (value.equalsIgnoreCase("off")) {
            return OFF;
        }
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a limit is <count>/<period> (e.g. 10/10m) or off, not " + text);
        }
        int count = Integer.parseInt(value.substring(0, slash).trim());
        Duration period = DurationConverter.parseDuration(value.substring(slash + 1).trim());
        if (count <= 0 || period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a limit needs a positive count and period, not " + text);
        }
        return new Limit(count, period);
    }

    public boolean off() {
        return count == 0;
    }

    /** Time for one token to come back. */
    long nanosPerToken() {
        return period.toNanos() / count;
    }
}
