package dev.agentkanban.machine;

import dev.agentkanban.common.web.JsonColumns;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Machine object of auth spec 7.1, in its field order, JSON columns parsed. */
final class MachineViews {

    private MachineViews() {
    }

    static Map<String, Object> row(Machine m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id);
        v.put("owner_id", m.ownerId);
        v.put("name", m.name);
        v.put("status", m.status);
        v.put("os", m.os);
        v.put("version", m.version);
        v.put("runtimes", JsonColumns.read(m.runtimes));
        v.put("usage_info", JsonColumns.read(m.usageInfo));
        v.put("last_heartbeat_at", m.lastHeartbeatAt);
        v.put("created_at", m.createdAt);
        v.put("device_id", m.deviceId);
        return v;
    }

    static Map<String, Object> withCounts(Machine m, long[] counts) {
        Map<String, Object> v = row(m);
        v.put("session_count", counts == null ? 0 : counts[0]);
        v.put("active_session_count", counts == null ? 0 : counts[1]);
        return v;
    }
}
