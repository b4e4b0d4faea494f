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
 * than 24 hours old makes the {@link Transition#TIME_OUT} move. Runs only for a board being
 * fetched and before an assign, and only on the caller's own boards.
 */
@ApplicationScoped
public class StaleTasks {

    static final Duration THRESHOLD = Duration.ofHours(24);

    private static final String STALE = """
            SELECT t.id FROM tasks t JOIN boards b ON b.id = t.board_id
            WHERE t.board_id = ?1 AND b.owner_id = ?2 AND t.assigned_to IS NOT NULL AND t.status IN (%s)
              AND (SELECT MAX(a.created_at) FROM task_actions a WHERE a.task_id = t.id) < ?3"""
            .formatted(Transition.TIME_OUT.fromSql);

    @Inject
    EntityManager em;

    @Inject
    Lifecycle lifecycle;

    /** For reads: looks without the write lock, so that a read writes only when something is stale. */
    boolean any(String ownerId, String boardId) {
        return !stale(ownerId, boardId, Instant.now()).isEmpty();
    }

    @Write
    public void sweep(String ownerId, String boardId) {
        Instant now = Instant.now();
        String at = Times.format(now);
        for (String taskId : stale(ownerId, boardId, now)) {
            lifecycle.timeOut(ownerId, boardId, taskId, at);
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
