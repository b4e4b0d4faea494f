package dev.agentkanban.auth.user;

import dev.agentkanban.auth.AuthConfig;
import dev.agentkanban.auth.Hashes;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Login sessions: opaque random tokens, stored as SHA-256 hashes, valid 7 days (1 day without
 * "remember me"), refreshed when used more than a day after the last refresh (auth spec 2.3).
 */
@ApplicationScoped
public class LoginSessions {

    static final Duration LIFETIME = Duration.ofDays(7);
    static final Duration SHORT_LIFETIME = Duration.ofDays(1);
    static final Duration REFRESH_AFTER = Duration.ofDays(1);

    @Inject
    SessionWrites writes;

    private final Optional<String> secret;

    LoginSessions(AuthConfig config) {
        this.secret = config.secret().filter(s -> !s.isBlank());
    }

    /** A new login for the user; returns the plaintext token, which is never stored. */
    public Issued issue(String userId, boolean remember, String ip, String userAgent) {
        String token = Ids.authId();
        LoginSession session = writes.create(userId, Hashes.sha256(token), remember ? LIFETIME : SHORT_LIFETIME, ip,
                userAgent);
        return new Issued(token, session);
    }

    public Optional<Identity> authenticate(String bearer) {
        return find(bearer).map(found -> Identity.user(found.user().id, found.user().isAdmin()));
    }

    /** The live session and its user for a bearer value (raw token or its signed form). */
    public Optional<Found> find(String bearer) {
        String token = rawToken(bearer);
        if (token == null) {
            return Optional.empty();
        }
        String hash = Hashes.sha256(token);
        LoginSession session = LoginSession.find("tokenHash", hash).firstResult();
        if (session == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Instant expires = Times.parse(session.expiresAt);
        if (!expires.isAfter(now)) {
            writes.delete(session.id);
            return Optional.empty();
        }
        if (!expires.minus(LIFETIME).plus(REFRESH_AFTER).isAfter(now)) {
            session = writes.refresh(session.id, LIFETIME);
        }
        User user = User.findById(session.userId);
        return user == null ? Optional.empty() : Optional.of(new Found(session, user, token));
    }

    public void revoke(String bearer) {
        String token = rawToken(bearer);
        if (token != null) {
            writes.deleteByHash(Hashes.sha256(token));
        }
    }

    /** Accepts {@code <token>} or {@code <token>.<base64 HMAC-SHA256>} (possibly percent-encoded). */
    private String rawToken(String bearer) {
        if (bearer == null || bearer.isEmpty() || bearer.length() > 512) {
            return null;
        }
        String value = bearer;
        if (bearer.contains("%")) {
            try {
                value = URLDecoder.decode(bearer, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null; // a stray % is no percent-encoding: not a token of ours
            }
        }
        int dot = value.indexOf('.');
        if (dot < 0) {
            return value;
        }
        String token = value.substring(0, dot);
        String signature = value.substring(dot + 1);
        if (secret.isEmpty() || signature.contains(".")) {
            return null;
        }
        byte[] expected = hmac(token).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII)) ? token : null;
    }

    private String hmac(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Issued(String token, LoginSession session) {
    }

    public record Found(LoginSession session, User user, String token) {
    }
}
