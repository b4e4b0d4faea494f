package dev.agentkanban.task;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The TaskRow object of api spec 3.2, in its field order: one stored task, as read by native SQL.
 * {@code labels} and {@code input} keep the stored JSON text and are emitted as JSON, never as
 * strings; {@code position} may be fractional after a PATCH. The hot lists build the same object
 * in SQL ({@link TaskReads}); TaskJsonShapeTest holds the two to the same keys and types.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskRow(String id, String boardId, String status, String title, String description,
        String repositoryId, @JsonRawValue String labels, String priority, String createdBy, String assignedTo,
        String result, String prUrl, @JsonRawValue String input, String createdFrom, Number position,
        String createdAt, String updatedAt, long seq, String scheduledAt) {

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

    /** The row as a JSON tree, for the answers that add or replace fields (api spec 5.1, 5.4). */
    ObjectNode tree(ObjectMapper json) {
        return json.valueToTree(this);
    }

    /** The same 19 fields in the order the create response uses (api spec 3.2). */
    public ObjectNode createdView(ObjectMapper json) {
        ObjectNode row = tree(json);
        ObjectNode out = json.createObjectNode();
        for (String field : CREATE_ORDER) {
            out.set(field, row.get(field));
        }
        return out;
    }
}
