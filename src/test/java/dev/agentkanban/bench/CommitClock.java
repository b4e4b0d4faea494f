package dev.agentkanban.bench;

import dev.agentkanban.task.TaskEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes the moment each event's transaction committed, just before the stream bus sees it
 * (a lower priority runs first), so the benchmark measures commit → delivery. Off unless a
 * benchmark switches it on.
 */
@ApplicationScoped
public class CommitClock {

    private final Map<String, Long> committedAt = new ConcurrentHashMap<>();
    private volatile boolean on;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(1) TaskEvent event) {
        if (on && event.payload() instanceof Map<?, ?> payload) {
            committedAt.put((String) payload.get("id"), System.nanoTime());
        }
    }

    public void start() {
        committedAt.clear();
        on = true;
    }

    public void stop() {
        on = false;
    }

    public Long committedAt(String id) {
        return committedAt.get(id);
    }
}
