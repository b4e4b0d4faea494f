package dev.agentkanban.stream;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The database reads of the streams: the checks before a stream opens and its initial batch.
 * Plain JDBC on purpose: a stream's request stays open for hours, and a connection borrowed here
 * must go back to the small pool at once rather than when the request ends.
 *
 * <p>Ties on {@code created_at} are broken by SQLite's {@code rowid} (insertion order, which is
 * commit order with one writer), and notes go before messages, as api spec 11.1 merges them.
 */
@ApplicationScoped
class StreamReads {

    private static final String ACTION_COLUMNS = """
            a.id, a.task_id, a.actor_type, a.actor_id, a.action, a.detail, a.created_at, a.session_id,
            g.name, g.public_key, g.kind, a.rowid
            """;
    private static final String AGENT_JOIN = "LEFT JOIN agents g ON g.id = a.actor_id AND a.actor_type LIKE 'agent:%'";
    private static final String MESSAGE_COLUMNS = "m.id, m.task_id, m.sender_type, m.sender_id, m.content, m.created_at, m.rowid";

    private final AgroalDataSource db;

    StreamReads(AgroalDataSource db) {
        this.db = db;
    }

    /** One row of a stream: its event name, id and payload, with the keys that order it. */
    record Row(String event, String id, Map<String, Object> payload, String createdAt, int rank, long rowid) {
    }

    /** Where a Last-Event-ID points: a note or a message, its time and insertion order. */
    record Cursor(boolean note, String createdAt, long rowid) {
    }

    record SharedBoard(String id, String ownerId) {
    }

    static final Comparator<Row> ORDER = Comparator.comparing(Row::createdAt)
            .thenComparingInt(Row::rank)
            .thenComparingLong(Row::rowid);

    /** The board of a task the owner holds. */
    Optional<String> taskBoard(String ownerId, String taskId) {
        return single("SELECT t.board_id FROM tasks t JOIN boards b ON b.id = t.board_id WHERE t.id = ? AND b.owner_id = ?",
                taskId, ownerId);
    }

    boolean ownsBoard(String ownerId, String boardId) {
        return single("SELECT id FROM boards WHERE id = ? AND owner_id = ?", boardId, ownerId).isPresent();
    }

    /** The id and owner of the public board with this share slug (api spec 12). */
    Optional<SharedBoard> sharedBoard(String slug) {
        return query("SELECT id, owner_id FROM boards WHERE share_slug = ? AND visibility = 'public'",
                rs -> new SharedBoard(rs.getString(1), rs.getString(2)), slug).stream().findFirst();
    }

    /** Which of these slugs still belong to a public board. */
    Set<String> stillShared(Collection<String> slugs) {
        Set<String> out = new HashSet<>();
        List<String> all = new ArrayList<>(slugs);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", Collections.nCopies(part.size(), "?"));
            out.addAll(query("SELECT share_slug FROM boards WHERE visibility = 'public' AND share_slug IN (" + marks + ")",
                    rs -> rs.getString(1), part.toArray()));
        }
        return out;
    }

    /** A note or message by id, on any task (api spec 11.1). */
    Optional<Cursor> cursor(String eventId) {
        String sql = """
                SELECT 1, created_at, rowid FROM task_actions WHERE id = ?
                UNION ALL SELECT 0, created_at, rowid FROM messages WHERE id = ?""";
        return query(sql, rs -> new Cursor(rs.getInt(1) == 1, rs.getString(2), rs.getLong(3)), eventId, eventId)
                .stream().findFirst();
    }

    /** The newest {@code limit} notes and newest {@code limit} messages of a task, merged oldest first. */
    List<Row> latestOfTask(String taskId, int limit) {
        List<Row> rows = new ArrayList<>();
        rows.addAll(query("SELECT " + ACTION_COLUMNS + " FROM task_actions a " + AGENT_JOIN
                + " WHERE a.task_id = ? ORDER BY a.created_at DESC, a.rowid DESC LIMIT ?", StreamReads::note, taskId, limit));
        rows.addAll(query("SELECT " + MESSAGE_COLUMNS + " FROM messages m"
                + " WHERE m.task_id = ? ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?", StreamReads::message, taskId, limit));
        rows.sort(ORDER);
        return rows;
    }

    /** Every note and message of a task that comes after the cursor in stream order. */
    List<Row> taskAfter(String taskId, Cursor cursor) {
        // At the cursor's own millisecond: notes before messages, then insertion order.
        long notesAfter = cursor.note() ? cursor.rowid() : Long.MAX_VALUE;
        long messagesAfter = cursor.note() ? Long.MIN_VALUE : cursor.rowid();
        String at = cursor.createdAt();
        List<Row> rows = new ArrayList<>();
        rows.addAll(query("SELECT " + ACTION_COLUMNS + " FROM task_actions a " + AGENT_JOIN
                + " WHERE a.task_id = ? AND (a.created_at > ? OR (a.created_at = ? AND a.rowid > ?))",
                StreamReads::note, taskId, at, at, notesAfter));
        rows.addAll(query("SELECT " + MESSAGE_COLUMNS + " FROM messages m"
                + " WHERE m.task_id = ? AND (m.created_at > ? OR (m.created_at = ? AND m.rowid > ?))",
                StreamReads::message, taskId, at, at, messagesAfter));
        rows.sort(ORDER);
        return rows;
    }

    /** The newest {@code limit} actions on the board's tasks created after {@code since}, oldest first. */
    List<Row> recentOfBoard(String boardId, String since, int limit) {
        List<Row> rows = query("SELECT " + ACTION_COLUMNS + " FROM task_actions a JOIN tasks t ON t.id = a.task_id "
                + AGENT_JOIN + " WHERE t.board_id = ? AND a.created_at > ? ORDER BY a.created_at DESC, a.rowid DESC LIMIT ?",
                StreamReads::boardNote, boardId, since, limit);
        Collections.reverse(rows);
        return rows;
    }

    /** TaskAction (api spec 3.4): actor fields resolved only for agent actors that still exist. */
    private static Map<String, Object> action(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getString(1));
        m.put("task_id", rs.getString(2));
        m.put("actor_type", rs.getString(3));
        m.put("actor_id", rs.getString(4));
        m.put("action", rs.getString(5));
        m.put("detail", rs.getString(6));
        m.put("created_at", rs.getString(7));
        m.put("session_id", rs.getString(8));
        m.put("actor_name", rs.getString(9));
        m.put("actor_public_key", rs.getString(10));
        return m;
    }

    private static Row note(ResultSet rs) throws SQLException {
        return new Row(Topic.NOTE, rs.getString(1), action(rs), rs.getString(7), 0, rs.getLong(12));
    }

    /** BoardAction: a TaskAction plus the acting agent's kind. */
    private static Row boardNote(ResultSet rs) throws SQLException {
        Map<String, Object> m = action(rs);
        m.put("agent_kind", rs.getString(11));
        return new Row(Topic.BOARD_NOTE, rs.getString(1), m, rs.getString(7), 0, rs.getLong(12));
    }

    /** Message (api spec 3.5). */
    private static Row message(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getString(1));
        m.put("task_id", rs.getString(2));
        m.put("sender_type", rs.getString(3));
        m.put("sender_id", rs.getString(4));
        m.put("content", rs.getString(5));
        m.put("created_at", rs.getString(6));
        return new Row(Topic.MESSAGE, rs.getString(1), m, rs.getString(6), 1, rs.getLong(7));
    }

    private Optional<String> single(String sql, Object... params) {
        return query(sql, rs -> rs.getString(1), params).stream().findFirst();
    }

    private interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Mapper<T> mapper, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("stream query failed", e);
        }
    }
}
