package dev.agentkanban.data.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.DbConfig;
import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.data.SqliteFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A user's boards, repositories and tasks with their dependencies, activity and chat, written as
 * one JSON document straight from the rows. It reads on its own connection in one read
 * transaction, so the document is one consistent snapshot and never holds writers up.
 */
@ApplicationScoped
public class ExportService {

    public static final int VERSION = 1;

    /** Tables in the document, each scoped to the owner; every query takes the owner id once. */
    private static final Map<String, String> QUERIES = queries();
    /** TEXT columns holding JSON, written parsed. */
    private static final Set<String> JSON_COLUMNS = Set.of("labels", "input");

    @Inject
    ObjectMapper mapper;

    @Inject
    DbConfig database;

    private static Map<String, String> queries() {
        String ownTasks = "SELECT t.id FROM tasks t JOIN boards b ON b.id = t.board_id WHERE b.owner_id = ?";
        Map<String, String> q = new LinkedHashMap<>();
        q.put("boards", "SELECT * FROM boards WHERE owner_id = ? ORDER BY created_at, id");
        q.put("repositories", "SELECT * FROM repositories WHERE owner_id = ? ORDER BY created_at, id");
        q.put("tasks", "SELECT t.* FROM tasks t JOIN boards b ON b.id = t.board_id WHERE b.owner_id = ?"
                + " ORDER BY t.board_id, t.seq");
        q.put("task_dependencies", "SELECT * FROM task_dependencies WHERE task_id IN (" + ownTasks + ")"
                + " ORDER BY task_id, depends_on");
        q.put("task_actions", "SELECT * FROM task_actions WHERE task_id IN (" + ownTasks + ") ORDER BY task_id, created_at, id");
        q.put("messages", "SELECT * FROM messages WHERE task_id IN (" + ownTasks + ") ORDER BY task_id, created_at, id");
        return q;
    }

    public void write(String ownerId, OutputStream out) throws IOException {
        try (Connection connection = SqliteFiles.open(Path.of(database.path()), true);
                JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            connection.setAutoCommit(false);
            json.writeStartObject();
            json.writeStringField("format", "agent-kanban-export");
            json.writeNumberField("version", VERSION);
            json.writeStringField("exported_at", Times.now());
            json.writeFieldName("user");
            user(connection, ownerId, json);
            for (Map.Entry<String, String> table : QUERIES.entrySet()) {
                json.writeFieldName(table.getKey());
                rows(connection, table.getValue(), ownerId, json);
            }
            json.writeEndObject();
            connection.rollback();
        } catch (SQLException e) {
            throw new IOException("export failed: " + e.getMessage(), e);
        }
    }

    private void user(Connection connection, String ownerId, JsonGenerator json) throws SQLException, IOException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, name, email, createdAt AS created_at FROM \"user\" WHERE id = ?")) {
            statement.setString(1, ownerId);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    row(rs, json);
                } else {
                    json.writeNull();
                }
            }
        }
    }

    private void rows(Connection connection, String sql, String ownerId, JsonGenerator json)
            throws SQLException, IOException {
        json.writeStartArray();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ownerId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row(rs, json);
                }
            }
        }
        json.writeEndArray();
    }

    private void row(ResultSet rs, JsonGenerator json) throws SQLException, IOException {
        ResultSetMetaData meta = rs.getMetaData();
        json.writeStartObject();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            Object value = rs.getObject(i);
            json.writeFieldName(name);
            if (value == null) {
                json.writeNull();
            } else if (JSON_COLUMNS.contains(name)) {
                JsonNode parsed = JsonColumns.read(value.toString());
                json.writeTree(parsed);
            } else if (value instanceof Integer || value instanceof Long) {
                json.writeNumber(((Number) value).longValue());
            } else if (value instanceof Double real) {
                json.writeNumber(real);
            } else {
                json.writeString(value.toString());
            }
        }
        json.writeEndObject();
    }
}
