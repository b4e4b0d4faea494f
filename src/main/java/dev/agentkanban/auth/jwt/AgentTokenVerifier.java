package dev.agentkanban.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentkanban.auth.AgentTokenError;
import dev.agentkanban.auth.Credentials;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.auth.jwt.JwtFailures.Reason;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

    /** Long enough to outlive every token that could still pass the age check. */
    private final Cache<String, Boolean> seen = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(SignedToken.MAX_AGE_SECONDS + 2 * SignedToken.SKEW_SECONDS + 30))
            .build();

    /** Session keys never change, so parsed keys are kept; rows are still read per request. */
    private final Cache<String, Ed25519PublicKeyParameters> keys = Caffeine.newBuilder()
            .maximumSize(50_000)
            .build();

    @Inject
    EntityManager em;

    @Inject
    Audiences audiences;

    @Inject
    JwtFailures failures;

    /** True when the token is a three-part JWT whose header says {@code typ: agent+jwt}. */
    public static boolean looksLikeAgentToken(String token) {
        JsonNode header = SignedToken.header(token);
        JsonNode typ = header == null ? null : header.get("typ");
        return typ != null && "agent+jwt".equals(typ.asText(null));
    }

    public Identity verify(String token, Credentials request) {
        SignedToken jwt = SignedToken.parse(token);
        if (jwt == null) {
            throw refused(Reason.MALFORMED, AgentTokenError.INVALID_JWT);
        }
        if (!"EdDSA".equals(jwt.headerText("alg"))) {
            throw refused(Reason.ALGORITHM, AgentTokenError.INVALID_JWT);
        }
        if (!audienceAccepted(jwt.claimNode("aud"), request)) {
            throw refused(Reason.AUDIENCE, AgentTokenError.INVALID_JWT);
        }
        String sessionId = jwt.claim("sub");
        if (sessionId == null) {
            throw refused(Reason.NO_SUBJECT, AgentTokenError.INVALID_JWT);
        }
        SessionRow session = findSession(sessionId)
                .orElseThrow(() -> refused(Reason.UNKNOWN_SESSION, AgentTokenError.AGENT_NOT_FOUND));
        Ed25519PublicKeyParameters key = keys.get(session.publicKey, Ed25519::publicKey);
        if (key == null) {
            throw refused(Reason.PUBLIC_KEY, AgentTokenError.INVALID_PUBLIC_KEY);
        }
        if (!jwt.signedBy(key)) {
            throw refused(Reason.SIGNATURE, AgentTokenError.INVALID_JWT);
        }
        if (!jwt.timely(System.currentTimeMillis() / 1000)) {
            throw refused(Reason.TIME, AgentTokenError.INVALID_JWT);
        }
        String jti = jwt.claim("jti");
        if (jti == null) {
            throw refused(Reason.NO_JTI, AgentTokenError.INVALID_JWT);
        }
        if (seen.asMap().putIfAbsent(sessionId + ":" + jti, Boolean.TRUE) != null) {
            throw refused(Reason.REPLAY, AgentTokenError.JTI_REPLAY);
        }
        String aid = jwt.claim("aid");
        if (aid != null && !aid.equals(session.agentId)) {
            throw failures.refused(Reason.AGENT_MISMATCH, ApiException.forbidden("Agent ID mismatch"));
        }
        return Identity.agent("leader".equals(session.kind), session.ownerId, session.machineId, session.agentId,
                sessionId, !"active".equals(session.status));
    }

    private ApiException refused(Reason reason, AgentTokenError error) {
        return failures.refused(reason, error.exception());
    }

    private boolean audienceAccepted(JsonNode aud, Credentials request) {
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

    private record SessionRow(String publicKey, String status, String agentId, String machineId, String kind,
            String ownerId) {
    }
}
