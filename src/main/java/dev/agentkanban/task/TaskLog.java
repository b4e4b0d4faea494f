package dev.agentkanban.task;

import dev.agentkanban.common.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A task's log (notes and chat) as the live streams read it: the check before a stream opens and
 * its initial batch. On the pool ({@link Jdbc#list}): a stream's request stays open for hours, and
 * a connection borrowed here must go back to the small pool at once rather than when the request
 * ends.
 *
 * <p>Ties on {@code created_at} are broken by SQLite's {@code rowid} (insertion order, which is
 * commit order with one writer), and notes go before messages, as api spec 11.1 merges them.
 */
@ApplicationScoped
public class TaskLog {

    private static final String ACTION_COLUMNS = """
            a.id, a.task_id, a.actor_type, a.actor_id, a.action, a.detail, a.created_at, a.session_id,
            g.name, g.public_key, g.kind, a.rowid
            """;
    private static final String AGENT_JOIN = "LEFT JOIN agents g ON g.id = a.actor_id AND a.actor_type LIKE 'agent:%'";
    private static final String MESSAGE_COLUMNS = "m.id, m.task_id, m.sender_type, m.sender_id, m.content, m.created_at, m.rowid";

    private final AgroalDataSource db;

    TaskLog(AgroalDataSource db) {
        this.db = db;
    }

    /** One entry of a stream: its event name, id and payload, with the keys that order it. */
    public record Row(String event, String id, Object payload, String createdAt, int rank, long rowid) {
    }

    /** Where a Last-Event-ID points: a note or a message, its time and insertion order. */
    public record Cursor(boolean note, String createdAt, long rowid) {
    }

    private static final Comparator<Row> ORDER = Comparator.comparing(Row::createdAt)
            .thenComparingInt(Row::rank)
            .thenComparingLong(Row::rowid);

    /** True when the task is on one of the owner's boards. */
    public boolean owns(String ownerId, String taskId) {
        return !Jdbc.list(db, "SELECT t.board_id" + Tasks.OWNED, rs -> rs.getString(1), taskId, ownerId).isEmpty();
    }

    /** A note or message by id, on any task (api spec 11.1). */
    public Optional<Cursor> cursor(String eventId) {
        String sql = """
                SELECT 1, created_at, rowid FROM task_actions WHERE id = ?
                UNION ALL SELECT 0, created_at, rowid FROM messages WHERE id = ?""";
        return Jdbc.list(db, sql, rs -> new Cursor(rs.getInt(1) == 1, rs.getString(2), rs.getLong(3)), eventId, eventId)
                .stream().findFirst();
    }

    /** The newest {@code limit} notes and newest {@code limit} messages of a task, merged oldest first. */
    public List<Row> latestOfTask(String taskId, int limit) {
        List<Row> rows = new ArrayList<>();
        rows.addAll(Jdbc.list(db, "SELECT " + ACTION_COLUMNS + " FROM task_actions a " + AGENT_JOIN
                + " WHERE a.task_id = ? ORDER BY a.created_at DESC, a.rowid DESC LIMIT ?", TaskLog::note, taskId, limit));
        rows.addAll(Jdbc.list(db, "SELECT " + MESSAGE_COLUMNS + " FROM messages m"
                + " WHERE m.task_id = ? ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?", TaskLog::message, taskId, limit));
        rows.sort(ORDER);
        return rows;
    }

    /** Every note and message of a task that comes after the cursor in stream order. */
    public List<Row> taskAfter(String taskId, Cursor cursor) {
        // At the cursor's own millisecond: notes before messages, then insertion order.
        long notesAfter = cursor.note() ? cursor.rowid() : Long.MAX_VALUE;
        long messagesAfter = cursor.note() ? Long.MIN_VALUE : cursor.rowid();
        String at = cursor.createdAt();
        List<Row> rows = new ArrayList<>();
        rows.addAll(Jdbc.list(db, "SELECT " + ACTION_COLUMNS + " FROM task_actions a " + AGENT_JOIN
                + " WHERE a.task_id = ? AND (a.created_at > ? OR (a.created_at = ? AND a.rowid > ?))",
                TaskLog::note, taskId, at, at, notesAfter));
        rows.addAll(Jdbc.list(db, "SELECT " + MESSAGE_COLUMNS + " FROM messages m"
                + " WHERE m.task_id = ? AND (m.created_at > ? OR (m.created_at = ? AND m.rowid > ?))",
                TaskLog::message, taskId, at, at, messagesAfter));
        rows.sort(ORDER);
        return rows;
    }

    /** The newest {@code limit} actions on the board's tasks created after {@code since}, oldest first. */
    public List<Row> recentOfBoard(String boardId, String since, int limit) {
        List<Row> rows = Jdbc.list(db, "SELECT " + ACTION_COLUMNS + " FROM task_actions a JOIN tasks t ON t.id = a.task_id "
                + AGENT_JOIN + " WHERE t.board_id = ? AND a.created_at > ? ORDER BY a.created_at DESC, a.rowid DESC LIMIT ?",
                TaskLog::boardNote, boardId, since, limit);
        Collections.reverse(rows);
        return rows;
    }

    /** The note: actor fields resolved only for agent actors that still exist. */
    private static Note action(ResultSet rs) throws SQLException {
        return new Note(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }

    private static Row note(ResultSet rs) throws SQLException {
        return new Row(TaskEvent.NOTE, rs.getString(1), action(rs), rs.getString(7), 0, rs.getLong(12));
    }

    private static Row boardNote(ResultSet rs) throws SQLException {
        return new Row(TaskEvent.BOARD_NOTE, rs.getString(1), new BoardNote(action(rs), rs.getString(11)),
                rs.getString(7), 0, rs.getLong(12));
    }

    private static Row message(ResultSet rs) throws SQLException {
        ChatMessage m = new ChatMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6));
        return new Row(TaskEvent.MESSAGE, m.id(), m, m.createdAt(), 1, rs.getLong(7));
    }
}
