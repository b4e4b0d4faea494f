package dev.agentkanban.task;

import dev.agentkanban.agent.AgentDirectory;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Jdbc;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The task state machine's endpoints and assign (api spec 4, 5.6-5.12). Every transition is one
 * conditional UPDATE plus the action row: the statement only matches while every precondition
 * still holds, so two callers can never both move the same task.
 */
@ApplicationScoped
public class Lifecycle {

    private static final String OWNED = "EXISTS (SELECT 1 FROM boards b WHERE b.id = tasks.board_id AND b.owner_id = ?4)";
    private static final String UNBLOCKED = "NOT " + Tasks.blocked("tasks");

    private static final Map<Transition, String> UPDATES = new EnumMap<>(Transition.class);

    static {
        for (Transition t : Transition.values()) {
            UPDATES.put(t, "UPDATE tasks SET status = ?1, updated_at = ?2" + assignments(t)
                    + " WHERE id = ?3 AND status IN (" + t.fromSql + ") AND " + OWNED + guard(t)
                    + " RETURNING " + TaskRow.RETURNING);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    TaskEvents events;

    @Inject
    StaleTasks staleTasks;

    @Inject
    AgentDirectory agents;

    @Inject
    TaskMetrics metrics;

    /**
     * Moves the task along {@code t}. {@code text} is the rejection reason or the completion
     * result, {@code prUrl} the PR link of review/complete. Answers the row after the change (the
     * release answer keeps the old {@code scheduled_at}, as the original's does).
     */
    public TaskRow apply(Identity who, String taskId, Transition t, String text, String prUrl) {
        // The actor shown in the stream events does not depend on the task: read it before the write lock.
        // write() is called on this bean itself: ArC (Quarkus's CDI) intercepts such self-calls, which
        // standard CDI does not promise; without it the move would run outside the write transaction.
        // Counted here, outside the write, so a write that runs again in its batch counts once.
        boolean done = false;
        try {
            TaskRow row = write(who, taskId, t, text, prUrl, events.actor(who));
            done = true;
            return row;
        } finally {
            metrics.transition(t, done);
        }
    }

    @Write
    TaskRow write(Identity who, String taskId, Transition t, String text, String prUrl, TaskAction.Actor actor) {
        String now = Times.now();
        if (!t.allows(who.type())) {
            throw refusal(who, taskId, t, now);
        }
        String previousSchedule = t == Transition.RELEASE
                ? Jdbc.first(em, "SELECT scheduled_at FROM tasks WHERE id = ?", rs -> rs.getString(1), taskId)
                : null;
        Object[] params = switch (t) {
            // Compare-and-set: the claim matches only a todo task assigned to this agent, not blocked
            // and not scheduled later. Under concurrent claims exactly one UPDATE sees status='todo';
            // every other one matches no row and is answered from a fresh read below.
            case CLAIM -> new Object[] {t.to, now, taskId, who.ownerId(), who.agentId()};
            case REVIEW -> new Object[] {t.to, now, taskId, who.ownerId(), prUrl};
            case COMPLETE -> new Object[] {t.to, now, taskId, who.ownerId(), text, prUrl};
            default -> new Object[] {t.to, now, taskId, who.ownerId()};
        };
        TaskRow row = Jdbc.first(em, UPDATES.get(t), TaskRow::of, params);
        if (row == null) {
            throw refusal(who, taskId, t, now);
        }
        String detail = t == Transition.REJECT || t == Transition.COMPLETE ? text : null;
        String sessionId = t == Transition.RELEASE ? null : who.sessionId();
        TaskAction action = TaskAction.of(taskId, who.type().wire(), who.actorId(), t.action, detail, sessionId, now);
        action.insert(em);
        events.action(who.ownerId(), row.boardId(), action, actor);
        return t == Transition.RELEASE ? row.withScheduledAt(previousSchedule) : row;
    }

    /**
     * Gives an unassigned todo task to a worker (api spec 5.12). Stale tasks of the board are
     * released first, so the checks see the board as the sweep left it.
     */
    @Write
    public TaskRow assign(Identity who, String taskId, String agentId) {
        TaskRow task = Tasks.owned(em, who.ownerId(), taskId);
        if (agentId == null || agentId.isEmpty()) {
            throw ApiException.badRequest("agent_id is required");
        }
        staleTasks.sweep(who.ownerId(), task.boardId());
        task = Tasks.owned(em, who.ownerId(), taskId);
        if (!"todo".equals(task.status())) {
            throw ApiException.conflict("NOT_TODO", "Can only assign tasks in todo status");
        }
        if (task.assignedTo() != null) {
            throw ApiException.conflict("ALREADY_ASSIGNED", "Task is already assigned");
        }
        String kind = agents.kindOf(who.ownerId(), agentId);
        if (kind == null) {
            throw ApiException.notFound("Agent not found");
        }
        if ("leader".equals(kind)) {
            throw ApiException.badRequest("Cannot assign tasks to leader agents");
        }
        String now = Times.now();
        // Conditional on the state just checked: only an unassigned todo task takes the assignee.
        List<?> rows = em.createNativeQuery("UPDATE tasks SET assigned_to = ?1, updated_at = ?2"
                        + " WHERE id = ?3 AND status = 'todo' AND assigned_to IS NULL RETURNING " + TaskRow.RETURNING)
                .setParameter(1, agentId)
                .setParameter(2, now)
                .setParameter(3, taskId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ApiException.conflict("ALREADY_ASSIGNED", "Task is already assigned");
        }
        TaskAction action = TaskAction.by(who, taskId, TaskAction.ASSIGNED, null, now);
        action.insert(em);
        events.action(who.ownerId(), task.boardId(), action, events.actor(who));
        return TaskRow.of((Object[]) rows.get(0));
    }

    /**
     * The stale sweep's move (api spec 5.14), inside the sweep's write: back to todo, keeping the
     * assignee, recorded as done by {@code machine}/{@code system}. Nothing happens when the task
     * moved on since it was found stale.
     */
    void timeOut(String ownerId, String boardId, String taskId, String at) {
        Transition t = Transition.TIME_OUT;
        if (Jdbc.first(em, UPDATES.get(t), TaskRow::of, t.to, at, taskId, ownerId) != null) {
            TaskAction action = TaskAction.of(taskId, "machine", "system", t.action, null, null, at);
            action.insert(em);
            events.action(ownerId, boardId, action, null);
        }
    }

    /** Why the transition's UPDATE matched nothing, checked in the order of api spec 4.2. */
    private ApiException refusal(Identity who, String taskId, Transition t, String now) {
        TaskRow task = Tasks.owned(em, who.ownerId(), taskId);
        if (t == Transition.CLAIM && !Objects.equals(task.assignedTo(), who.agentId())) {
            return ApiException.conflict("NOT_ASSIGNED", "Task is not assigned to this agent");
        }
        if (!t.allows(who.type())) {
            return ApiException.forbidden(who.type().wire() + " cannot perform " + t.verb);
        }
        if (!t.startsFrom(task.status())) {
            return ApiException.conflict("INVALID_TRANSITION", t.refusal(task.status()));
        }
        if (t == Transition.CLAIM && Tasks.blocked(em, taskId)) {
            return ApiException.conflict("TASK_BLOCKED",
                    "Task is blocked by unfinished dependencies; it can be claimed once they are done or cancelled");
        }
        if (t == Transition.CLAIM && task.scheduledAt() != null && task.scheduledAt().compareTo(now) > 0) {
            return ApiException.conflict("TASK_SCHEDULED",
                    "Task is scheduled for " + task.scheduledAt() + " and cannot be claimed before then");
        }
        return ApiException.conflict("INVALID_TRANSITION", t.refusal(task.status()));
    }

    private static String assignments(Transition t) {
        return switch (t) {
            case CLAIM, REJECT -> "";
            case REVIEW -> ", pr_url = COALESCE(?5, pr_url)";
            case COMPLETE -> ", result = ?5, pr_url = ?6";
            case CANCEL -> ", assigned_to = NULL";
            case RELEASE, TIME_OUT -> ", scheduled_at = NULL";
        };
    }

    private static String guard(Transition t) {
        return t == Transition.CLAIM
                ? " AND assigned_to = ?5 AND (scheduled_at IS NULL OR scheduled_at <= ?2) AND " + UNBLOCKED
                : "";
    }
}
