package dev.agentkanban.auth.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * One token bucket per key (an address, an account, a user). Buckets idle for a whole period are
 * full again and are dropped; the number kept is bounded, and Caffeine's frequency-based eviction
 * keeps the buckets of keys under sustained attack when a flood of new keys arrives.
 */
final class KeyedLimiter {

    private static final int MAX_KEYS = 100_000;

    private final Limit limit;
    private final Cache<String, Bucket> buckets;

    KeyedLimiter(Limit limit) {
        this.limit = limit;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(limit.off() ? Duration.ofSeconds(1) : limit.period())
                .maximumSize(MAX_KEYS)
                .build();
    }

    /** Takes a token; null when allowed, else how long until the next one. */
    Duration take(String key) {
        return use(key);
    }

    /** Returns a token taken for something that turned out not to count (a sign-in that succeeded). */
    void giveBack(String key) {
        if (!limit.off()) {
            Bucket bucket = buckets.getIfPresent(key);
            if (bucket != null) {
                bucket.giveBack(limit.count());
            }
        }
    }

    private Duration use(String key) {
        if (limit.off()) {
            return null;
        }
        long wait = buckets.get(key, k -> new Bucket(limit.count(), System.nanoTime()))
                .take(System.nanoTime(), limit.count(), limit.nanosPerToken());
        return wait == 0 ? null : Duration.ofNanos(wait);
    }

    private static final class Bucket {

        private double tokens;
        private long updated;

        Bucket(int tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long take(long now, int capacity, long nanosPerToken) {
            tokens = Math.min(capacity, tokens + (double) (now - updated) / nanosPerToken);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken));
        }

        synchronized void giveBack(int capacity) {
            tokens = Math.min(capacity, tokens + 1);
        }
    }
}
