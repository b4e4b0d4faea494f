package dev.agentkanban.task;

import dev.agentkanban.auth.Identity;
import dev.agentkanban.common.Ids;
import dev.agentkanban.common.db.Jdbc;
import jakarta.persistence.EntityManager;

/**
 * One entry of a task's audit log, called a note by the API (data model 3.4). Written with plain
 * SQL: every transition adds one, inside the write lock.
 */
public final class TaskAction {

    public static final String CREATED = "created";
    public static final String ASSIGNED = "assigned";
    public static final String COMMENTED = "commented";

    String id;
    String taskId;
    String actorType;
    String actorId;
    String action;
    String detail;
    String createdAt;
    String sessionId;

    static TaskAction of(String taskId, String actorType, String actorId, String action, String detail,
            String sessionId, String at) {
        TaskAction a = new TaskAction();
        a.id = Ids.longId();
        a.taskId = taskId;
        a.actorType = actorType;
        a.actorId = actorId;
        a.action = action;
        a.detail = detail;
        a.sessionId = sessionId;
        a.createdAt = at;
        return a;
    }

    /** An action performed by the caller, carrying the caller's agent session when there is one. */
    static TaskAction by(Identity who, String taskId, String action, String detail, String at) {
        return of(taskId, who.type().wire(), who.actorId(), action, detail, who.sessionId(), at);
    }

    void insert(EntityManager em) {
        Jdbc.update(em, """
                INSERT INTO task_actions (id, task_id, actor_type, actor_id, action, detail, created_at, session_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, taskId, actorType, actorId, action, detail, createdAt, sessionId);
    }

    /** The note with its actor resolved. */
    public Note view(Actor actor) {
        return new Note(id, taskId, actorType, actorId, action, detail, createdAt, sessionId,
                actor == null ? null : actor.name(), actor == null ? null : actor.publicKey());
    }

    /** The same note as the board and share streams show it. */
    public BoardNote boardView(Actor actor) {
        return new BoardNote(view(actor), actor == null ? null : actor.kind());
    }

    /** The agent behind an action, as the views show it. */
    public record Actor(String name, String publicKey, String kind) {
    }
}
