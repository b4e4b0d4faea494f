package dev.agentkanban.task;

import dev.agentkanban.common.error.ApiException;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The owner-scoped task lookup and the blocked rule, each written once for every task query. */
final class Tasks {

    /**
     * The tenant scope of a task lookup by id: the task ({@code t}) on a board of the owner.
     * Parameters: 1 the task id, 2 the owner id.
     */
    static final String OWNED = " FROM tasks t JOIN boards b ON b.id = t.board_id WHERE t.id = ?1 AND b.owner_id = ?2";

    /** Blocked (api spec 6.1) for the task aliased {@code t}. */
    static final String BLOCKED = blocked("t");

    private Tasks() {
    }

    /** True while a direct dependency of {@code task} is neither done nor cancelled. */
    static String blocked(String task) {
        return "EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks dt ON dt.id = d.depends_on WHERE d.task_id = "
                + task + ".id AND dt.status NOT IN ('done', 'cancelled'))";
    }

    /**
     * The task if it is on one of the owner's boards; otherwise the tenant check's 404, so another
     * owner's task is indistinguishable from a missing one.
     */
    static TaskRow owned(EntityManager em, String ownerId, String taskId) {
        List<?> rows = em.createNativeQuery("SELECT " + TaskRow.COLUMNS + OWNED)
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
        String boardId = boardOrNull(em, ownerId, taskId);
        if (boardId == null) {
            throw notFound();
        }
        return boardId;
    }

    /** The board of the owner's task, or null. */
    static String boardOrNull(EntityManager em, String ownerId, String taskId) {
        List<?> rows = em.createNativeQuery("SELECT t.board_id" + OWNED)
                .setParameter(1, taskId)
                .setParameter(2, ownerId)
                .getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    static ApiException notFound() {
        return ApiException.notFound("Task not found");
    }

    static boolean blocked(EntityManager em, String taskId) {
        return !em.createNativeQuery("SELECT 1 FROM tasks t WHERE t.id = ?1 AND " + BLOCKED)
                .setParameter(1, taskId)
                .getResultList()
                .isEmpty();
    }
}
