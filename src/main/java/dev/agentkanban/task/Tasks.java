package dev.agentkanban.task;

import dev.agentkanban.common.error.ApiException;
import jakarta.persistence.EntityManager;
import java.util.List;

/** Small owner-scoped lookups shared by the task services. */
final class Tasks {

    static final String BLOCKED = """
            EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks dt ON dt.id = d.depends_on
                    WHERE d.task_id = t.id AND dt.status NOT IN ('done', 'cancelled'))""";

    private Tasks() {
    }

    /**
     * The task if it is on one of the owner's boards; otherwise the tenant check's 404, so another
     * owner's task is indistinguishable from a missing one.
     */
    static TaskRow owned(EntityManager em, String ownerId, String taskId) {
        List<?> rows = em.createNativeQuery("SELECT " + TaskRow.COLUMNS
                        + " FROM tasks t JOIN boards b ON b.id = t.board_id WHERE t.id = ?1 AND b.owner_id = ?2")
                .setParameter(1, taskId)
                .setParameter(2, ownerId)
                .getResultList();
        if (rows.isEmpty()) {
            throw notFound();
        }
        return TaskRow.of((Object[]) rows.get(0));
    }

    /** The board of the owner's task, or the 404. */
    static String boardOf(EntityManager em, String ownerId, String taskId) {
        List<?> rows = em.createNativeQuery(
                        "SELECT t.board_id FROM tasks t JOIN boards b ON b.id = t.board_id WHERE t.id = ?1 AND b.owner_id = ?2")
                .setParameter(1, taskId)
                .setParameter(2, ownerId)
                .getResultList();
        if (rows.isEmpty()) {
            throw notFound();
        }
        return (String) rows.get(0);
    }

    static ApiException notFound() {
        return ApiException.notFound("Task not found");
    }

    /** The kind of the owner's agent, or null when the owner has no such agent. */
    static String agentKind(EntityManager em, String ownerId, String agentId) {
        List<?> rows = em.createNativeQuery("SELECT kind FROM agents WHERE id = ?1 AND owner_id = ?2")
                .setParameter(1, agentId)
                .setParameter(2, ownerId)
                .getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** True when a direct dependency is neither done nor cancelled (api spec 6.1). */
    static boolean blocked(EntityManager em, String taskId) {
        return !em.createNativeQuery("SELECT 1 FROM tasks t WHERE t.id = ?1 AND " + BLOCKED)
                .setParameter(1, taskId)
                .getResultList()
                .isEmpty();
    }
}
