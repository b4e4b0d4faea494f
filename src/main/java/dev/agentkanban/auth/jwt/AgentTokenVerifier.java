package dev.agentkanban.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentkanban.auth.AgentTokenError;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Verifies agent session JWTs (auth spec 2.5): EdDSA only, {@code typ=agent+jwt}, signed with the
 * public key registered for the session named in {@code sub}, audience of this server, issued at
 * most 60 s ago with 5 s clock tolerance each way, and each {@code jti} accepted once.
 */
@ApplicationScoped
public class AgentTokenVerifier {

    static final int MAX_TOKEN_LENGTH = 4096;
    static final long MAX_AGE_SECONDS = 60;
    static final long SKEW_SECONDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Long enough to outlive every token that could still pass the age check. */
    private final Cache<String, Boolean> seen = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(MAX_AGE_SECONDS + 2 * SKEW_SECONDS + 30))
            .build();

    /** Session keys never change, so parsed keys are kept; rows are still read per request. */
    private final Cache<String, Ed25519PublicKeyParameters> keys = Caffeine.newBuilder()
            .maximumSize(50_000)
            .build();

    @Inject
    EntityManager em;

    @Inject
    Audiences audiences;

    /** True when the token is a three-part JWT whose header says {@code typ: agent+jwt}. */
    public static boolean looksLikeAgentToken(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        JsonNode header = parse(token.substring(0, first));
        return header != null && "agent+jwt".equals(text(header, "typ"));
    }

    public Identity verify(String token, ContainerRequestContext request) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        JsonNode header = parse(token.substring(0, first));
        JsonNode claims = parse(token.substring(first + 1, second));
        if (header == null || claims == null || !claims.isObject() || !"EdDSA".equals(text(header, "alg"))) {
            throw AgentTokenError.INVALID_JWT.exception();
        }
        if (!audienceAccepted(claims.get("aud"), request)) {
            throw AgentTokenError.INVALID_JWT.exception();
        }
        String sessionId = text(claims, "sub");
        if (sessionId == null) {
            throw AgentTokenError.INVALID_JWT.exception();
        }
        SessionRow session = findSession(sessionId).orElseThrow(AgentTokenError.AGENT_NOT_FOUND::exception);
        Ed25519PublicKeyParameters key = keys.get(session.publicKey, Ed25519::publicKey);
        if (key == null) {
            throw AgentTokenError.INVALID_PUBLIC_KEY.exception();
        }
        byte[] signed = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        if (!Ed25519.verify(key, signed, Base64Url.decode(token.substring(second + 1)))) {
            throw AgentTokenError.INVALID_JWT.exception();
        }
        checkTimes(claims);
        String jti = text(claims, "jti");
        if (jti == null) {
            throw AgentTokenError.INVALID_JWT.exception();
        }
        if (seen.asMap().putIfAbsent(sessionId + ":" + jti, Boolean.TRUE) != null) {
            throw AgentTokenError.JTI_REPLAY.exception();
        }
        String aid = text(claims, "aid");
        if (aid != null && !aid.equals(session.agentId)) {
            throw ApiException.forbidden("Agent ID mismatch");
        }
        return Identity.agent("leader".equals(session.kind), session.ownerId, session.machineId, session.agentId,
                sessionId, !"active".equals(session.status));
    }

    private boolean audienceAccepted(JsonNode aud, ContainerRequestContext request) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return audiences.accepts(aud.asText(), request);
        }
        if (aud.isArray()) {
            for (JsonNode value : aud) {
                if (value.isTextual() && audiences.accepts(value.asText(), request)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkTimes(JsonNode claims) {
        long now = System.currentTimeMillis() / 1000;
        JsonNode iat = claims.get("iat");
        if (iat == null || !iat.isNumber()) {
            throw AgentTokenError.INVALID_JWT.exception();
        }
        long issued = iat.asLong();
        if (now - issued > MAX_AGE_SECONDS + SKEW_SECONDS || issued - now > SKEW_SECONDS) {
            throw AgentTokenError.INVALID_JWT.exception();
        }
        JsonNode exp = claims.get("exp");
        if (exp != null && (!exp.isNumber() || exp.asLong() + SKEW_SECONDS <= now)) {
            throw AgentTokenError.INVALID_JWT.exception();
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || nbf.asLong() - SKEW_SECONDS > now)) {
            throw AgentTokenError.INVALID_JWT.exception();
        }
    }

    @SuppressWarnings("unchecked")
    private Optional<SessionRow> findSession(String sessionId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.public_key, s.status, s.agent_id, s.machine_id, a.kind, a.owner_id
                FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
                WHERE s.id = ?1""")
                .setParameter(1, sessionId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new SessionRow((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5]));
    }

    private static JsonNode parse(String segment) {
        byte[] bytes = Base64Url.decode(segment);
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private record SessionRow(String publicKey, String status, String agentId, String machineId, String kind,
            String ownerId) {
    }
}
