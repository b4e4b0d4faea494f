package dev.agentkanban.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.machine.MachineService;
import dev.agentkanban.machine.MachineView;
import io.quarkus.runtime.annotations.RegisterForReflection;
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

    /** A machine of any owner, with whose it is, its session counts and its request metrics. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Overview(@JsonUnwrapped MachineView machine, String ownerName, String ownerEmail, long sessionCount,
            long activeSessionCount, Map<String, Object> metrics) {
    }

    public List<Overview> machines() {
        machineService.sweepStale();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT m.id, m.owner_id, m.name, m.status, m.os, m.version, m.runtimes, m.usage_info,
                       m.last_heartbeat_at, m.created_at, m.device_id, u.name, u.email,
                       (SELECT count(*) FROM agent_sessions s WHERE s.machine_id = m.id),
                       (SELECT count(*) FROM agent_sessions s WHERE s.machine_id = m.id AND s.status = 'active')
                FROM machines m LEFT JOIN "user" u ON u.id = m.owner_id
                ORDER BY m.last_heartbeat_at IS NULL, m.last_heartbeat_at DESC""").getResultList();
        List<Overview> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            MachineView machine = new MachineView((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], JsonColumns.read((String) r[6]), JsonColumns.read((String) r[7]),
                    (String) r[8], (String) r[9], (String) r[10]);
            out.add(new Overview(machine, (String) r[11], (String) r[12], number(r[13]), number(r[14]),
                    metrics.snapshot(machine.id())));
        }
        return out;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
