package dev.agentkanban.admin;

import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.machine.MachineService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Global counts and the all-tenant machine list; nothing here is owner-scoped, by design. */
@ApplicationScoped
public class AdminService {

    @Inject
    EntityManager em;

    @Inject
    MachineMetrics metrics;

    @Inject
    MachineService machineService;

    public Map<String, Object> stats() {
        // users.recent compares ISO text with SQLite's 'YYYY-MM-DD HH:MM:SS' form, as the original
        // does: users created any time on the calendar day exactly seven days ago count too.
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT (SELECT count(*) FROM "user"),
                       (SELECT count(*) FROM "user" WHERE createdAt > datetime('now', '-7 days')),
                       (SELECT count(*) FROM agents),
                       (SELECT count(DISTINCT agent_id) FROM agent_sessions WHERE status = 'active'),
                       (SELECT count(*) FROM tasks WHERE status = 'todo'),
                       (SELECT count(*) FROM tasks WHERE status = 'in_progress'),
                       (SELECT count(*) FROM tasks WHERE status = 'in_review'),
                       (SELECT count(*) FROM tasks WHERE status = 'done'),
                       (SELECT count(*) FROM tasks WHERE status = 'cancelled'),
                       (SELECT count(*) FROM boards),
                       (SELECT count(*) FROM machines),
                       (SELECT count(*) FROM machines WHERE status = 'online')""").getSingleResult();
        Map<String, Object> tasks = new LinkedHashMap<>();
        tasks.put("todo", number(r[4]));
        tasks.put("in_progress", number(r[5]));
        tasks.put("in_review", number(r[6]));
        tasks.put("done", number(r[7]));
        tasks.put("cancelled", number(r[8]));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", Map.of("total", number(r[0]), "recent", number(r[1])));
        out.put("agents", Map.of("total", number(r[2]), "online", number(r[3])));
        out.put("tasks", tasks);
        out.put("boards", Map.of("total", number(r[9])));
        out.put("machines", Map.of("total", number(r[10]), "online", number(r[11])));
        return out;
    }

    public List<Map<String, Object>> machines() {
        machineService.sweepStale();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT m.id, m.owner_id, m.name, m.status, m.os, m.version, m.runtimes, m.usage_info,
                       m.last_heartbeat_at, m.created_at, m.device_id, u.name, u.email,
                       (SELECT count(*) FROM agent_sessions s WHERE s.machine_id = m.id),
                       (SELECT count(*) FROM agent_sessions s WHERE s.machine_id = m.id AND s.status = 'active')
                FROM machines m LEFT JOIN "user" u ON u.id = m.owner_id
                ORDER BY m.last_heartbeat_at IS NULL, m.last_heartbeat_at DESC""").getResultList();
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r[0]);
            m.put("owner_id", r[1]);
            m.put("name", r[2]);
            m.put("status", r[3]);
            m.put("os", r[4]);
            m.put("version", r[5]);
            m.put("runtimes", JsonColumns.read((String) r[6]));
            m.put("usage_info", JsonColumns.read((String) r[7]));
            m.put("last_heartbeat_at", r[8]);
            m.put("created_at", r[9]);
            m.put("device_id", r[10]);
            m.put("owner_name", r[11]);
            m.put("owner_email", r[12]);
            m.put("session_count", number(r[13]));
            m.put("active_session_count", number(r[14]));
            m.put("metrics", metrics.snapshot((String) r[0]));
            out.add(m);
        }
        return out;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
