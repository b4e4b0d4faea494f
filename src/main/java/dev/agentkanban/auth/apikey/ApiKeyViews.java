package dev.agentkanban.auth.apikey;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ApiKey object of auth spec 3.7, without the plaintext key. */
final class ApiKeyViews {

    private ApiKeyViews() {
    }

    static Map<String, Object> view(ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id);
        m.put("configId", k.configId);
        m.put("name", k.name);
        m.put("start", k.start);
        m.put("prefix", k.prefix);
        m.put("referenceId", k.ownerId);
        m.put("enabled", k.enabled == null || k.enabled != 0);
        m.put("expiresAt", k.expiresAt);
        m.put("rateLimitEnabled", k.rateLimitEnabled != null && k.rateLimitEnabled != 0);
        m.put("rateLimitTimeWindow", k.rateLimitTimeWindow);
        m.put("rateLimitMax", k.rateLimitMax);
        m.put("requestCount", k.requestCount == null ? 0 : k.requestCount);
        m.put("remaining", k.remaining);
        m.put("refillAmount", null);
        m.put("refillInterval", null);
        m.put("lastRefillAt", null);
        m.put("lastRequest", k.lastRequest);
        String machineId = ApiKeyService.machineId(k.metadata);
        m.put("metadata", machineId == null ? null : Map.of("machineId", machineId));
        m.put("permissions", null);
        m.put("createdAt", k.createdAt);
        m.put("updatedAt", k.updatedAt);
        return m;
    }
}
