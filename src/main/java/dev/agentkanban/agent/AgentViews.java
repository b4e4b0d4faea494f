package dev.agentkanban.agent;

import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.gpg.GpgService;
import java.util.LinkedHashMap;
import java.util.Map;

/** Agent (auth spec 5.1) and AgentWithActivity, in the spec's field order; never a secret. */
final class AgentViews {

    private AgentViews() {
    }

    /** Derived activity of one agent (data model 6). */
    record Activity(boolean online, String lastActiveAt, long taskCount, long inputTokens, long outputTokens,
            long cacheReadTokens, long cacheCreationTokens, long costMicroUsd) {

        static final Activity NONE = new Activity(false, null, 0, 0, 0, 0, 0, 0);
    }

    static Map<String, Object> agent(Agent a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", a.id);
        v.put("owner_id", a.ownerId);
        v.put("name", a.name);
        v.put("username", a.username);
        v.put("gpg_subkey_id", a.gpgSubkeyId);
        v.put("bio", a.bio);
        v.put("soul", a.soul);
        v.put("role", a.role);
        v.put("kind", a.kind);
        v.put("handoff_to", JsonColumns.read(a.handoffTo));
        v.put("runtime", a.runtime);
        v.put("model", a.model);
        v.put("skills", JsonColumns.read(a.skills));
        v.put("public_key", a.publicKey);
        v.put("fingerprint", a.fingerprint);
        v.put("builtin", a.builtin);
        v.put("created_at", a.createdAt);
        v.put("updated_at", a.updatedAt);
        return v;
    }

    static Map<String, Object> withActivity(Agent a, Activity act) {
        Map<String, Object> v = agent(a);
        v.put("status", act.online() ? "online" : "offline");
        v.put("last_active_at", act.lastActiveAt());
        v.put("task_count", act.taskCount());
        v.put("input_tokens", act.inputTokens());
        v.put("output_tokens", act.outputTokens());
        v.put("cache_read_tokens", act.cacheReadTokens());
        v.put("cache_creation_tokens", act.cacheCreationTokens());
        v.put("cost_micro_usd", act.costMicroUsd());
        v.put("email", a.username == null ? null : GpgService.agentEmail(a.username));
        return v;
    }
}
