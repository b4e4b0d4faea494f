package dev.agentkanban.machine;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.error.ApiException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Machine reads: each starts with the stale sweep (auth spec 7.7). */
@ApplicationScoped
public class MachineService {

    static final long OFFLINE_AFTER_SECONDS = 60;
    private static final long[] NO_SESSIONS = {0, 0};

    @Inject
    MachineWrites writes;

    @Inject
    EntityManager em;

    /**
     * Marks every machine (any owner) offline whose last heartbeat is over 60 s old. A read finds
     * out first whether there is anything to do, so most reads never queue for the write lock.
     */
    public void sweepStale() {
        String cutoff = Times.format(Instant.now().minusSeconds(OFFLINE_AFTER_SECONDS));
        boolean stale = !em.createNativeQuery(
                        "SELECT 1 FROM machines WHERE status = 'online' AND last_heartbeat_at < ?1 LIMIT 1")
                .setParameter(1, cutoff).getResultList().isEmpty();
        if (stale) {
            writes.markOffline(cutoff);
        }
    }

    /** A machine of the list (auth spec 7.4): the Machine and how many agent sessions ran on it. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Listed(@JsonUnwrapped MachineView machine, long sessionCount, long activeSessionCount) {
    }

    /** One machine (auth spec 7.5): the listed fields and the agents that ran on it. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Detail(@JsonUnwrapped MachineView machine, long sessionCount, long activeSessionCount,
            List<RanHere> agents) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RanHere(String id, String name, String status, String lastActiveAt) {
    }

    public List<Listed> list(String ownerId) {
        sweepStale();
        List<Machine> machines = Machine.list("ownerId = ?1 order by lastHeartbeatAt desc, createdAt desc", ownerId);
        Map<String, long[]> counts = counts(ownerId);
        List<Listed> out = new ArrayList<>(machines.size());
        for (Machine m : machines) {
            long[] c = counts.getOrDefault(m.id, NO_SESSIONS);
            out.add(new Listed(MachineView.of(m), c[0], c[1]));
        }
        return out;
    }

    public Detail get(String ownerId, String id) {
        sweepStale();
        Machine m = Machine.owned(ownerId, id);
        if (m == null) {
            throw ApiException.notFound("Machine not found");
        }
        long[] c = counts(ownerId).getOrDefault(id, NO_SESSIONS);
        return new Detail(MachineView.of(m), c[0], c[1], agents(ownerId, id));
    }

    /** Per machine of the owner: all sessions, active sessions. */
    @SuppressWarnings("unchecked")
    private Map<String, long[]> counts(String ownerId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.machine_id, count(*), sum(s.status = 'active')
                FROM agent_sessions s JOIN machines m ON m.id = s.machine_id
                WHERE m.owner_id = ?1 GROUP BY s.machine_id""")
                .setParameter(1, ownerId).getResultList();
        Map<String, long[]> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put((String) r[0], new long[] {((Number) r[1]).longValue(), ((Number) r[2]).longValue()});
        }
        return out;
    }

    /** Agents that ever ran on the machine: working while any of their sessions there is active. */
    @SuppressWarnings("unchecked")
    private List<RanHere> agents(String ownerId, String machineId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.id, a.name, max(s.status = 'active'), max(s.created_at) AS last_active
                FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
                WHERE s.machine_id = ?1 AND a.owner_id = ?2
                GROUP BY a.id, a.name ORDER BY last_active DESC""")
                .setParameter(1, machineId).setParameter(2, ownerId).getResultList();
        List<RanHere> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new RanHere((String) r[0], (String) r[1], ((Number) r[2]).intValue() == 1 ? "working" : "idle",
                    (String) r[3]));
        }
        return out;
    }
}
