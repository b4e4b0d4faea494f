package dev.agentkanban.support;

import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.task.TaskEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Boards, tasks, actions and messages written straight into the database, with the
 * {@link TaskEvent}s the tasks feature fires inside the same transaction — so the streams and
 * share routes can be tested before (and independently of) the board and task routes.
 */
@ApplicationScoped
public class DirectBoards {

    @Inject
    AgroalDataSource db;

    @Inject
    Event<TaskEvent> events;

    public String board(String ownerId, String name) {
        String id = Ids.shortId();
        String now = Times.now();
        sql("INSERT INTO boards (id, owner_id, name, description, created_at, updated_at, type) VALUES (?, ?, ?, ?, ?, ?, 'dev')",
                id, ownerId, name, null, now, now);
        return id;
    }

    public String board(String ownerId) {
        return board(ownerId, "Board " + Ids.shortId());
    }

    /** Makes the board public with a fresh slug, as board PATCH does (api spec 10.4). */
    public String share(String boardId) {
        String slug = Ids.shareSlug();
        sql("UPDATE boards SET visibility = 'public', share_slug = ? WHERE id = ?", slug, boardId);
        return slug;
    }

    public String agent(String ownerId, String name, String kind) {
        String id = HexFormat.of().formatHex(Ids.bytes(8));
        String now = Times.now();
        sql("""
                INSERT INTO agents (id, owner_id, name, kind, runtime, public_key, private_key, fingerprint, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'claude', ?, 'private', ?, ?, ?)""",
                id, ownerId, name, kind, "pk-" + id, "fp-" + id, now, now);
        return id;
    }

    public String task(String boardId, String title) {
        String now = Times.now();
        return task(boardId, title, "todo", null, now, now);
    }

    /** A task with the next sequence number of its board (api spec 7.1). */
    public String task(String boardId, String title, String status, String priority, String createdAt, String updatedAt) {
        String id = Ids.longId();
        QuarkusTransaction.requiringNew().run(() -> {
            sql("UPDATE boards SET task_seq = task_seq + 1 WHERE id = ?", boardId);
            sql("""
                    INSERT INTO tasks (id, board_id, status, title, priority, created_at, updated_at, seq)
                    VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT task_seq FROM boards WHERE id = ?))""",
                    id, boardId, status, title, priority, createdAt, updatedAt, boardId);
        });
        return id;
    }

    /** Many writes in one commit (one fsync), for bulk fixtures. */
    public void inOneTransaction(Runnable writes) {
        QuarkusTransaction.requiringNew().run(writes);
    }

    /** Runs any statement, for the few fields a test needs set. */
    public void sql(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An action row only, no event: history the streams must read from the database. */
    public String insertAction(String taskId, String actorType, String actorId, String action, String createdAt) {
        String id = Ids.longId();
        sql("INSERT INTO task_actions (id, task_id, actor_type, actor_id, action, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, taskId, actorType, actorId, action, createdAt);
        return id;
    }

    /** A message row only, no event. */
    public String insertMessage(String taskId, String senderId, String content, String createdAt) {
        String id = Ids.longId();
        sql("INSERT INTO messages (id, task_id, sender_type, sender_id, content, created_at) VALUES (?, ?, 'user', ?, ?, ?)",
                id, taskId, senderId, content, createdAt);
        return id;
    }

    /** A task action at this time, committed with its note and board_note events; returns the TaskAction. */
    public Map<String, Object> action(String ownerId, String boardId, String taskId, String actorType, String actorId,
            String action, String detail, String sessionId, String createdAt) {
        String id = Ids.longId();
        return QuarkusTransaction.requiringNew().call(() -> {
            sql("""
                    INSERT INTO task_actions (id, task_id, actor_type, actor_id, action, detail, created_at, session_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, taskId, actorType, actorId, action, detail, createdAt, sessionId);
            Map<String, Object> note = taskAction(id, taskId, actorType, actorId, action, detail, createdAt, sessionId);
            Map<String, Object> boardNote = new LinkedHashMap<>(note);
            boardNote.put("agent_kind", actorType.startsWith("agent:") ? agentField(actorId, "kind") : null);
            events.fire(new TaskEvent(ownerId, boardId, taskId, "note", note));
            events.fire(new TaskEvent(ownerId, boardId, taskId, "board_note", boardNote));
            return note;
        });
    }

    public Map<String, Object> comment(String ownerId, String boardId, String taskId, String userId, String detail) {
        return action(ownerId, boardId, taskId, "user", userId, "commented", detail, null, Times.now());
    }

    /** A chat message committed with its message event; returns the Message. */
    public Map<String, Object> message(String ownerId, String boardId, String taskId, String senderId, String content,
            String createdAt) {
        String id = Ids.longId();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("task_id", taskId);
        message.put("sender_type", "user");
        message.put("sender_id", senderId);
        message.put("content", content);
        message.put("created_at", createdAt);
        QuarkusTransaction.requiringNew().run(() -> {
            sql("INSERT INTO messages (id, task_id, sender_type, sender_id, content, created_at) VALUES (?, ?, 'user', ?, ?, ?)",
                    id, taskId, senderId, content, createdAt);
            events.fire(new TaskEvent(ownerId, boardId, taskId, "message", message));
        });
        return message;
    }

    /** Writes an action and fires its events, then fails: the transaction rolls back. */
    public String rolledBackComment(String ownerId, String boardId, String taskId, String userId) {
        String id = Ids.longId();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                String now = Times.now();
                sql("INSERT INTO task_actions (id, task_id, actor_type, actor_id, action, detail, created_at) VALUES (?, ?, 'user', ?, 'commented', 'never', ?)",
                        id, taskId, userId, now);
                Map<String, Object> note = taskAction(id, taskId, "user", userId, "commented", "never", now, null);
                events.fire(new TaskEvent(ownerId, boardId, taskId, "note", note));
                events.fire(new TaskEvent(ownerId, boardId, taskId, "board_note", note));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the point of this write
        }
        return id;
    }

    /** Fires events of any payload in one committed transaction, without rows (load tests). */
    public void fire(TaskEvent... batch) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (TaskEvent event : batch) {
                events.fire(event);
            }
        });
    }

    public long count(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> taskAction(String id, String taskId, String actorType, String actorId, String action,
            String detail, String createdAt, String sessionId) {
        boolean agent = actorType.startsWith("agent:");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("task_id", taskId);
        m.put("actor_type", actorType);
        m.put("actor_id", actorId);
        m.put("action", action);
        m.put("detail", detail);
        m.put("created_at", createdAt);
        m.put("session_id", sessionId);
        m.put("actor_name", agent ? agentField(actorId, "name") : null);
        m.put("actor_public_key", agent ? agentField(actorId, "public_key") : null);
        return m;
    }

    private String agentField(String agentId, String column) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM agents WHERE id = ?")) {
            ps.setString(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
