package dev.agentkanban.task;

import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Stale-task detection (api spec 5.14): an assigned in-progress task whose newest action is more
 * than 24 hours old goes back to {@code todo}, keeping its assignee, with a {@code timed_out}
 * action by {@code machine}/{@code system}. Runs only for a board being fetched and before an
 * assign, and only on the caller's own boards.
 */
@ApplicationScoped
public class StaleTasks {

    static final Duration THRESHOLD = Duration.ofHours(24);

    private static final String STALE = """
            SELECT t.id FROM tasks t JOIN boards b ON b.id = t.board_id
            WHERE t.board_id = ?1 AND b.owner_id = ?2 AND t.status = 'in_progress' AND t.assigned_to IS NOT NULL
              AND (SELECT MAX(a.created_at) FROM task_actions a WHERE a.task_id = t.id) < ?3""";

    @Inject
    EntityManager em;

    @Inject
    TaskEvents events;

    /** For reads: looks first without the write lock, and writes only when something is stale. */
    public void sweepIfNeeded(String ownerId, String boardId) {
        if (!stale(ownerId, boardId, Instant.now()).isEmpty()) {
            sweep(ownerId, boardId);
        }
    }

    @Write
    public void sweep(String ownerId, String boardId) {
        Instant now = Instant.now();
        String at = Times.format(now);
        for (String taskId : stale(ownerId, boardId, now)) {
            // Conditional on the status read just now, like every other transition out of in_progress.
            int moved = em.createNativeQuery("""
                    UPDATE tasks SET status = 'todo', scheduled_at = NULL, updated_at = ?1
                    WHERE id = ?2 AND status = 'in_progress'""")
                    .setParameter(1, at)
                    .setParameter(2, taskId)
                    .executeUpdate();
            if (moved == 1) {
                TaskAction action = TaskAction.of(taskId, "machine", "system", TaskAction.TIMED_OUT, null, null, at);
                action.insert(em);
                events.action(ownerId, boardId, action, null);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> stale(String ownerId, String boardId, Instant now) {
        return em.createNativeQuery(STALE)
                .setParameter(1, boardId)
                .setParameter(2, ownerId)
                .setParameter(3, Times.format(now.minus(THRESHOLD)))
                .getResultList();
    }
}
