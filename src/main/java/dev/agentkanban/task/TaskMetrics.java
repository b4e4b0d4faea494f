package dev.agentkanban.task;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Task meters: {@code ak_tasks{status}}, counted server-wide when scraped (at most once every few
 * seconds, one grouped query), and {@code ak_task_transitions_total{transition,result}}, every
 * lifecycle call applied or refused (a lost claim race is a refused claim).
 */
@ApplicationScoped
public class TaskMetrics implements MeterBinder {

    private static final Logger LOG = Logger.getLogger(TaskMetrics.class);
    static final List<String> STATUSES = List.of("todo", "in_progress", "in_review", "done", "cancelled");
    private static final long FRESH_NANOS = 2_000_000_000L;

    private final AgroalDataSource db;
    private final Map<Transition, Counter> applied = new EnumMap<>(Transition.class);
    private final Map<Transition, Counter> refused = new EnumMap<>(Transition.class);
    private Map<String, Long> counts = Map.of();
    private long countedAt;

    TaskMetrics(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Transition t : Transition.values()) {
            applied.put(t, counter(registry, t, "applied"));
            refused.put(t, counter(registry, t, "refused"));
        }
        for (String status : STATUSES) {
            Gauge.builder("ak.tasks", this, m -> m.count(status))
                    .description("Tasks in this status, all owners")
                    .tag("status", status)
                    .register(registry);
        }
    }

    void transition(Transition t, boolean done) {
        Counter counter = (done ? applied : refused).get(t);
        if (counter != null) {
            counter.increment();
        }
    }

    private synchronized double count(String status) {
        long now = System.nanoTime();
        if (countedAt == 0 || now - countedAt > FRESH_NANOS) {
            counts = query();
            countedAt = now;
        }
        return counts.getOrDefault(status, 0L);
    }

    private Map<String, Long> query() {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM tasks GROUP BY status")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            LOG.warn("Counting tasks for the metrics failed", e);
        }
        return out;
    }

    private static Counter counter(MeterRegistry registry, Transition t, String result) {
        return Counter.builder("ak.task.transitions")
                .description("Task lifecycle calls (claim, review, complete, ...) by result")
                .tag("transition", t.name().toLowerCase())
                .tag("result", result)
                .register(registry);
    }
}
