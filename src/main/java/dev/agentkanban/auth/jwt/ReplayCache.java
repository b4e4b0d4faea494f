package dev.agentkanban.auth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentkanban.auth.limit.LimitConfig;
import dev.agentkanban.auth.limit.RateLimited;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers each accepted agent token ({@code sub:jti}) for as long as it could still pass the age
 * check, so that each is accepted once. Memory is bounded: at most {@code maxPerOwner} remembered
 * tokens per tenant and {@code maxTotal} in all. Past a bound, new tokens are refused with a 429
 * until old ones age out; a token is never forgotten early, as that would let it be replayed. A
 * token takes about 100 bytes (a 64-bit digest of {@code sub:jti} and the cache's bookkeeping).
 */
@ApplicationScoped
public class ReplayCache {

    /** A token accepted now has {@code iat} at most 5 s ahead; it stays timely 65 s past that, +1 for rounding. */
    static final Duration RETENTION = Duration.ofSeconds(SignedToken.MAX_AGE_SECONDS + 2 * SignedToken.SKEW_SECONDS + 1);

    private final int maxPerOwner;
    private final int maxTotal;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perOwner = new ConcurrentHashMap<>();
    /** Value: the owner's live count, shared by all its entries, so an entry costs no object of its own. */
    private final Cache<Long, AtomicInteger> seen;

    @Inject
    ReplayCache(LimitConfig config) {
        this(config.jwtReplayPerOwner(), config.jwtReplayTotal());
    }

    public ReplayCache(int maxPerOwner, int maxTotal) {
        this.maxPerOwner = maxPerOwner;
        this.maxTotal = maxTotal;
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(RETENTION)
                .executor(Runnable::run)
                .removalListener((Long key, AtomicInteger owner, com.github.benmanes.caffeine.cache.RemovalCause c) -> {
                    owner.decrementAndGet();
                    total.decrementAndGet();
                })
                .build();
    }

    /** True the first time; false for a replay. Throws a 429 when the tenant or the server is at its bound. */
    public boolean firstUse(String ownerId, String sessionId, String jti) {
        Long key = digest(sessionId, jti);
        if (seen.getIfPresent(key) != null) {
            return false;
        }
        AtomicInteger owner = perOwner.computeIfAbsent(ownerId, id -> new AtomicInteger());
        if (!reserve(owner)) {
            seen.cleanUp();
            if (!reserve(owner)) {
                throw new RateLimited("Too many requests", RateLimited.seconds(RETENTION), false);
            }
        }
        if (seen.asMap().putIfAbsent(key, owner) != null) {
            owner.decrementAndGet();
            total.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Tokens remembered now (expired ones may linger until the cache's next clean-up). */
    public long remembered() {
        seen.cleanUp();
        return seen.estimatedSize();
    }

    private boolean reserve(AtomicInteger owner) {
        if (owner.incrementAndGet() > maxPerOwner) {
            owner.decrementAndGet();
            return false;
        }
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            owner.decrementAndGet();
            return false;
        }
        return true;
    }

    private static Long digest(String sessionId, String jti) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((sessionId + ":" + jti).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
