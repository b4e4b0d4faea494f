package dev.agentkanban.auth.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.auth.AuthFlowException;
import dev.agentkanban.auth.Hashes;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Machine API keys: {@code ak_} + 64 letters, shown once, stored as a SHA-256 hash. A key is
 * bound to one machine of its owner by registration or first heartbeat, never by the client.
 */
@ApplicationScoped
public class ApiKeyService {

    public static final String PREFIX = "ak_";

    public Identity authenticate(String plaintext) {
        ApiKey key = plaintext.length() > 128 ? null : ApiKey.find("keyHash", Hashes.sha256(plaintext)).firstResult();
        if (key == null) {
            throw new ApiException(401, "INVALID_API_KEY", "Invalid API key.");
        }
        if (key.enabled != null && key.enabled == 0) {
            throw new ApiException(401, "KEY_DISABLED", "API Key is disabled");
        }
        if (key.expiresAt != null && !Times.parse(key.expiresAt).isAfter(Instant.now())) {
            deleteExpired(key.id);
            throw new ApiException(401, "KEY_EXPIRED", "API Key has expired");
        }
        return Identity.machine(key.ownerId, key.id, machineId(key.metadata));
    }

    /** Reads the binding whether stored as an object or, as the original did, as a JSON string of one. */
    public static String machineId(String metadata) {
        JsonNode node = JsonColumns.read(metadata);
        if (node != null && node.isTextual()) {
            node = JsonColumns.read(node.asText());
        }
        JsonNode id = node == null ? null : node.get("machineId");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    @Write
    public Created create(String ownerId, String name, Long expiresInSeconds) {
        String plaintext = PREFIX + Ids.letters(64);
        String now = Times.now();
        ApiKey key = new ApiKey();
        key.id = Ids.authId();
        key.configId = "default";
        key.name = name;
        key.start = plaintext.substring(0, 6);
        key.prefix = PREFIX;
        key.ownerId = ownerId;
        key.keyHash = Hashes.sha256(plaintext);
        key.enabled = 1;
        key.rateLimitEnabled = 0;
        key.rateLimitTimeWindow = 86_400_000;
        key.rateLimitMax = 10;
        key.requestCount = 0;
        key.expiresAt = expiresInSeconds == null ? null
                : Times.format(Instant.now().plusSeconds(expiresInSeconds));
        key.createdAt = now;
        key.updatedAt = now;
        key.persist();
        return new Created(key, plaintext);
    }

    public ApiKey find(String ownerId, String id) {
        ApiKey key = id == null ? null : ApiKey.findById(id);
        if (key == null || !key.ownerId.equals(ownerId)) {
            throw new AuthFlowException(404, "KEY_NOT_FOUND", "API Key not found");
        }
        return key;
    }

    public List<ApiKey> list(String ownerId) {
        return ApiKey.list("ownerId = ?1 order by createdAt", ownerId);
    }

    @Write
    public ApiKey update(String ownerId, String id, String name, Boolean enabled, Long expiresInSeconds,
            boolean clearExpiry) {
        ApiKey key = find(ownerId, id);
        if (name != null) {
            key.name = name;
        }
        if (enabled != null) {
            key.enabled = enabled ? 1 : 0;
        }
        if (expiresInSeconds != null) {
            key.expiresAt = Times.format(Instant.now().plusSeconds(expiresInSeconds));
        } else if (clearExpiry) {
            key.expiresAt = null;
        }
        key.updatedAt = Times.now();
        return key;
    }

    @Write
    public void delete(String ownerId, String id) {
        ApiKey.delete("id = ?1 and ownerId = ?2", id, ownerId);
    }

    /** Binds the key to a machine of the same owner (registration, first heartbeat). */
    @Write
    public void bind(String apiKeyId, String machineId) {
        ApiKey key = ApiKey.findById(apiKeyId);
        if (key != null) {
            key.metadata = "{\"machineId\":\"" + machineId + "\"}";
            key.updatedAt = Times.now();
        }
    }

    @Write
    void deleteExpired(String id) {
        ApiKey.deleteById(id);
    }

    public record Created(ApiKey key, String plaintext) {
    }
}
