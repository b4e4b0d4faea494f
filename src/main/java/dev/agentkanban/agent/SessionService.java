package dev.agentkanban.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.auth.jwt.Base64Url;
import dev.agentkanban.auth.jwt.Ed25519;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.Body;
import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.common.web.Truthiness;
import dev.agentkanban.machine.Machine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Agent sessions (auth spec 6): opened by a machine, used through agent JWTs, closed by it. */
@ApplicationScoped
public class SessionService {

    private static final Pattern PUBLIC_KEY = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final int MAX_SESSION_ID = 100;
    private static final long MAX_INCREMENT = 1_000_000_000_000L;
    private static final String[] USAGE_FIELDS = {"input_tokens", "output_tokens", "cache_read_tokens",
        "cache_creation_tokens", "cost_micro_usd"};

    @Inject
    SessionWrites writes;

    @Inject
    EntityManager em;

    /**
     * Order of auth spec 6.2 with its Java notes. The delegation proof is signed before the write
     * lock is taken; the checks are repeated under it.
     */
    public String open(Identity caller, String agentId, JsonNode json) {
        Body.of(json);
        JsonNode sessionId = json.get("session_id");
        JsonNode publicKey = json.get("session_public_key");
        if (!Truthiness.of(sessionId) || !Truthiness.of(publicKey) || !sessionId.isTextual()
                || !publicKey.isTextual()) {
            throw ApiException.badRequest("session_id and session_public_key are required");
        }
        String id = sessionId.asText();
        String key = publicKey.asText();
        if (!PUBLIC_KEY.matcher(key).matches() || Ed25519.publicKey(key) == null) {
            throw ApiException.badRequest("session_public_key must be a base64url Ed25519 public key");
        }
        if (id.length() > MAX_SESSION_ID) {
            throw ApiException.badRequest("session_id is too long (at most " + MAX_SESSION_ID + " characters)");
        }
        String machineId = caller.machineId();
        if (machineId == null || Machine.owned(caller.ownerId(), machineId) == null) {
            throw SessionWrites.machineNotRegistered();
        }
        Agent agent = AgentService.owned(caller.ownerId(), agentId);
        if (AgentSession.findById(id) != null) {
            throw SessionWrites.sessionExists();
        }
        String proof = prove(agent, key);
        writes.open(caller.ownerId(), machineId, agentId, id, key, proof);
        return proof;
    }

    /** The machine running a session of this owner; empty for an unknown or foreign session. */
    public Optional<String> machineOf(String ownerId, String sessionId) {
        if (sessionId == null || sessionId.length() > MAX_SESSION_ID) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("""
                SELECT s.machine_id FROM agent_sessions s JOIN machines m ON m.id = s.machine_id
                WHERE s.id = ?1 AND m.owner_id = ?2""")
                .setParameter(1, sessionId).setParameter(2, ownerId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
    }

    /** Ed25519 by the agent's own key over the UTF-8 of the session key text (auth spec 8.3). */
    static String prove(Agent agent, String sessionPublicKey) {
        byte[] seed = Base64Url.decode(JsonColumns.read(agent.privateKey).get("d").asText());
        byte[] signature = Ed25519.sign(new Ed25519PrivateKeyParameters(seed, 0),
                sessionPublicKey.getBytes(StandardCharsets.UTF_8));
        return Base64Url.encode(signature);
    }

    /** An unknown or foreign agent lists no sessions, as the original does for unknown ids. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String ownerId, String agentId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.id, s.agent_id, s.machine_id, s.status, s.public_key, s.delegation_proof, s.input_tokens,
                    s.output_tokens, s.cache_read_tokens, s.cache_creation_tokens, s.cost_micro_usd, s.created_at,
                    s.closed_at, m.name
                FROM agent_sessions s
                JOIN agents a ON a.id = s.agent_id
                JOIN machines m ON m.id = s.machine_id
                WHERE s.agent_id = ?1 AND a.owner_id = ?2
                ORDER BY s.created_at DESC, s.rowid DESC""")
                .setParameter(1, agentId).setParameter(2, ownerId).getResultList();
        String[] names = {"id", "agent_id", "machine_id", "status", "public_key", "delegation_proof", "input_tokens",
            "output_tokens", "cache_read_tokens", "cache_creation_tokens", "cost_micro_usd", "created_at",
            "closed_at", "machine_name"};
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Map<String, Object> session = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                session.put(names[i], r[i]);
            }
            // `ak describe agent` prints each session's start as `started_at`; the original never sent it.
            session.put("started_at", session.get("created_at"));
            out.add(session);
        }
        return out;
    }

    /** An agent reports only for its own session; missing fields count as 0. */
    public void addUsage(Identity caller, String agentId, String sessionId, JsonNode json) {
        Body body = Body.of(json);
        long[] values = new long[USAGE_FIELDS.length];
        for (int i = 0; i < USAGE_FIELDS.length; i++) {
            JsonNode value = body.raw().get(USAGE_FIELDS[i]);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0
                    || value.asLong() > MAX_INCREMENT) {
                throw ApiException.badRequest(USAGE_FIELDS[i] + " must be a non-negative integer of at most "
                        + MAX_INCREMENT);
            }
            values[i] = value.asLong();
        }
        if (caller.type().isAgent() && !sessionId.equals(caller.sessionId())) {
            throw SessionWrites.sessionNotFound();
        }
        writes.addUsage(caller.ownerId(), agentId, sessionId,
                new SessionWrites.Usage(values[0], values[1], values[2], values[3], values[4]));
    }
}
