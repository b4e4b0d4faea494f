package dev.agentkanban.task;

import dev.agentkanban.auth.Identity;
import dev.agentkanban.common.Ids;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a task's audit log, called a note by the API (data model 3.4). Written with plain
 * SQL: every transition adds one, inside the write lock.
 */
public final class TaskAction {

    public static final String CREATED = "created";
    public static final String ASSIGNED = "assigned";
    public static final String COMMENTED = "commented";
    public static final String CLAIMED = "claimed";

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

    /** The TaskAction object of api spec 3.4 with its actor resolved (null fields when not an agent). */
    public Map<String, Object> view(Actor actor) {
        return view(id, taskId, actorType, actorId, action, detail, createdAt, sessionId, actor);
    }

    static Map<String, Object> view(String id, String taskId, String actorType, String actorId, String action,
            String detail, String createdAt, String sessionId, Actor actor) {
        Map<String, Object> out = new LinkedHashMap<>(16);
        out.put("id", id);
        out.put("task_id", taskId);
        out.put("actor_type", actorType);
        out.put("actor_id", actorId);
        out.put("action", action);
        out.put("detail", detail);
        out.put("created_at", createdAt);
        out.put("session_id", sessionId);
        out.put("actor_name", actor == null ? null : actor.name());
        out.put("actor_public_key", actor == null ? null : actor.publicKey());
        return out;
    }

    /** The BoardAction object of the board and share streams: the TaskAction plus the agent's kind. */
    public Map<String, Object> boardView(Actor actor) {
        Map<String, Object> out = view(actor);
        out.put("agent_kind", actor == null ? null : actor.kind());
        return out;
    }

    /** The agent behind an action, as the views show it. */
    public record Actor(String name, String publicKey, String kind) {
    }
}
