package dev.agentkanban.task;

import com.fasterxml.jackson.databind.util.RawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored task, as read by native SQL. {@code labels} and {@code input} keep the stored JSON
 * text and are emitted as JSON, never as strings; {@code position} may be fractional after a PATCH.
 */
public record TaskRow(String id, String boardId, String status, String title, String description,
        String repositoryId, String labels, String priority, String createdBy, String assignedTo, String result,
        String prUrl, String input, String createdFrom, Number position, String createdAt, String updatedAt,
        long seq, String scheduledAt) {

    /** The columns {@link #of} reads, for a query that aliases {@code tasks} as {@code t}. */
    public static final String COLUMNS = "t.id, t.board_id, t.status, t.title, t.description, t.repository_id, "
            + "t.labels, t.priority, t.created_by, t.assigned_to, t.result, t.pr_url, t.input, t.created_from, "
            + "t.position, t.created_at, t.updated_at, t.seq, t.scheduled_at";

    /** The same columns unqualified, for UPDATE … RETURNING. */
    public static final String RETURNING = COLUMNS.replace("t.", "");

    public static final int WIDTH = 19;

    private static final List<String> CREATE_ORDER = List.of("id", "board_id", "seq", "status", "title",
            "description", "repository_id", "labels", "priority", "created_by", "assigned_to", "result", "pr_url",
            "input", "created_from", "scheduled_at", "position", "created_at", "updated_at");

    /** Reads the {@link #COLUMNS} at the start of the current row. */
    static TaskRow of(ResultSet rs) throws SQLException {
        return new TaskRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), (Number) rs.getObject(15),
                rs.getString(16), rs.getString(17), rs.getLong(18), rs.getString(19));
    }

    public static TaskRow of(Object[] r) {
        return new TaskRow((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10], (String) r[11],
                (String) r[12], (String) r[13], (Number) r[14], (String) r[15], (String) r[16],
                ((Number) r[17]).longValue(), (String) r[18]);
    }

    /** The same row showing another {@code scheduled_at} (the release response shows the old one). */
    public TaskRow withScheduledAt(String value) {
        return new TaskRow(id, boardId, status, title, description, repositoryId, labels, priority, createdBy,
                assignedTo, result, prUrl, input, createdFrom, position, createdAt, updatedAt, seq, value);
    }

    /** The TaskRow object of api spec 3.2, in its field order. */
    public Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>(32);
        out.put("id", id);
        out.put("board_id", boardId);
        out.put("status", status);
        out.put("title", title);
        out.put("description", description);
        out.put("repository_id", repositoryId);
        out.put("labels", json(labels));
        out.put("priority", priority);
        out.put("created_by", createdBy);
        out.put("assigned_to", assignedTo);
        out.put("result", result);
        out.put("pr_url", prUrl);
        out.put("input", json(input));
        out.put("created_from", createdFrom);
        out.put("position", position);
        out.put("created_at", createdAt);
        out.put("updated_at", updatedAt);
        out.put("seq", seq);
        out.put("scheduled_at", scheduledAt);
        return out;
    }

    /** The same 19 fields in the order the create response uses (api spec 3.2). */
    public Map<String, Object> createdView() {
        Map<String, Object> row = view();
        Map<String, Object> out = new LinkedHashMap<>(32);
        for (String field : CREATE_ORDER) {
            out.put(field, row.get(field));
        }
        return out;
    }

    /** Stored JSON text written out as JSON; the server only ever stores text it serialised itself. */
    static Object json(String stored) {
        return stored == null ? null : new RawValue(stored);
    }
}
