package dev.agentkanban.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.agentkanban.common.web.JsonColumns;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Agent object of auth spec 5.1, in its field order; never a secret (no private key, no mailbox token). */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentView(String id, String ownerId, String name, String username, String gpgSubkeyId, String bio,
        String soul, String role, String kind, JsonNode handoffTo, String runtime, String model, JsonNode skills,
        String publicKey, String fingerprint, int builtin, String createdAt, String updatedAt) {

    static AgentView of(Agent a) {
        return new AgentView(a.id, a.ownerId, a.name, a.username, a.gpgSubkeyId, a.bio, a.soul, a.role, a.kind,
                JsonColumns.read(a.handoffTo), a.runtime, a.model, JsonColumns.read(a.skills), a.publicKey,
                a.fingerprint, a.builtin, a.createdAt, a.updatedAt);
    }
}
