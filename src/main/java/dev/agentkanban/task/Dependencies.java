package dev.agentkanban.task;

import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Dependency edges "task waits for depends_on" (api spec 6). Each check is one query, linear in
 * the edges it can reach, whatever the size of the request.
 */
@ApplicationScoped
class Dependencies {

    @Inject
    EntityManager em;

    /** A 400 for a list naming the same task twice (the table's primary key would refuse it). */
    static void requireDistinct(List<String> deps) {
        if (new LinkedHashSet<>(deps).size() != deps.size()) {
            throw new ApiException(400, "DUPLICATE_DEPENDENCY", "depends_on contains the same task more than once");
        }
    }

    /**
     * True when the task would come to wait for itself: it is in the list, or it is reachable from
     * one of the listed tasks along the edges stored now (api spec 6.2).
     */
    boolean createsCycle(String taskId, List<String> deps) {
        if (deps.contains(taskId)) {
            return true;
        }
        // UNION (not UNION ALL) visits each task once, so the walk ends even on a damaged graph.
        List<?> hit = em.createNativeQuery("""
                WITH RECURSIVE reach(id) AS (
                    SELECT value FROM json_each(?1)
                    UNION
                    SELECT d.depends_on FROM task_dependencies d JOIN reach r ON d.task_id = r.id
                )
                SELECT 1 FROM reach WHERE id = ?2 LIMIT 1""")
                .setParameter(1, JsonColumns.write(deps))
                .setParameter(2, taskId)
                .getResultList();
        return !hit.isEmpty();
    }

    /** A 404 unless every listed task exists on a board of this owner. */
    void requireOwned(String ownerId, List<String> deps) {
        if (deps.isEmpty()) {
            return;
        }
        Set<String> found = new HashSet<>();
        for (Object id : em.createNativeQuery("""
                SELECT t.id FROM tasks t JOIN boards b ON b.id = t.board_id
                WHERE b.owner_id = ?1 AND t.id IN (SELECT value FROM json_each(?2))""")
                .setParameter(1, ownerId)
                .setParameter(2, JsonColumns.write(deps))
                .getResultList()) {
            found.add((String) id);
        }
        for (String dep : deps) {
            if (!found.contains(dep)) {
                throw ApiException.notFound("Dependency task not found: " + dep);
            }
        }
    }

    /** Inserts the edges of a task that has none yet. */
    void add(String taskId, List<String> deps) {
        if (!deps.isEmpty()) {
            em.createNativeQuery("""
                    INSERT INTO task_dependencies (task_id, depends_on)
                    SELECT ?1, value FROM json_each(?2)""")
                    .setParameter(1, taskId)
                    .setParameter(2, JsonColumns.write(deps))
                    .executeUpdate();
        }
    }

    /** Replaces the whole edge set of the task (api spec 6.3). */
    void replace(String taskId, List<String> deps) {
        em.createNativeQuery("DELETE FROM task_dependencies WHERE task_id = ?1")
                .setParameter(1, taskId)
                .executeUpdate();
        add(taskId, deps);
    }
}
