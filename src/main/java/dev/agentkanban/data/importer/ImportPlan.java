package dev.agentkanban.data.importer;

import dev.agentkanban.data.SqliteFiles;
import dev.agentkanban.data.importer.TableSpec.Reference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checks and the copy of one import, as SQL over the target ({@code main}) and the staged
 * source ({@code src}). A source row is <em>present</em> when the target has a row with its key;
 * merging skips present rows that are identical and refuses the ones that differ.
 */
final class ImportPlan {

    private static final int EXAMPLES = 3;

    private final Connection connection;
    private final List<String> problems = new ArrayList<>();
    /** Columns copied per table: those both sides have. */
    private final Map<String, List<String>> columns = new LinkedHashMap<>();

    ImportPlan(Connection connection) {
        this.connection = connection;
    }

    /** Refuses files that are not an original's database at all, before anything else. */
    void checkSource() throws SQLException, ImportRefused {
        if (SqliteFiles.hasTable(connection, "src", "flyway_schema_history")) {
            throw new ImportRefused(List.of("this file was written by this server, not the original: "
                    + "put it back with 'agent-kanban restore' instead"));
        }
        for (String table : OriginalSchema.REQUIRED) {
            if (!SqliteFiles.hasTable(connection, "src", table)) {
                problems.add("no table \"" + table + "\": not a database of the original Agent Kanban");
            }
        }
        refuseIfAny();
        for (TableSpec table : OriginalSchema.TABLES) {
            if (SqliteFiles.hasTable(connection, "src", table.name())) {
                List<String> target = columnsOf("main", table.name());
                columns.put(table.name(), columnsOf("src", table.name()).stream().filter(target::contains).toList());
            }
        }
    }

    /** Ids, timestamps, references, the leader rule and, against the target, key and unique conflicts. */
    void check() throws SQLException, ImportRefused {
        for (TableSpec table : OriginalSchema.TABLES) {
            List<String> cols = columns.get(table.name());
            if (cols == null) {
                continue;
            }
            String kept = "NOT " + skipped(table);
            if (table.badId() != null) {
                report(table, kept + " AND " + table.badId(), "malformed id");
            }
            for (String column : table.times()) {
                if (cols.contains(column)) {
                    report(table, kept + " AND (s.\"" + column + "\" IS NULL OR " + OriginalSchema.badTime(column) + ")",
                            column + " is not an ISO-8601 UTC timestamp like 2026-04-14T09:30:05.123Z");
                }
            }
            for (String column : table.optionalTimes()) {
                if (cols.contains(column)) {
                    report(table, kept + " AND s.\"" + column + "\" IS NOT NULL AND " + OriginalSchema.badTime(column),
                            column + " is not an ISO-8601 UTC timestamp like 2026-04-14T09:30:05.123Z");
                }
            }
            for (Reference ref : table.references()) {
                if (cols.contains(ref.column())) {
                    report(table, kept + " AND " + dangling(ref),
                            ref.column() + " names no row of " + ref.table());
                }
            }
            report(table, present(table) + " AND NOT " + identical(table, cols),
                    "the target already has this " + String.join("/", table.key()) + " with other content");
            for (List<String> unique : table.uniques()) {
                if (cols.containsAll(unique)) {
                    report(table, kept + " AND NOT " + present(table) + " AND " + uniqueTaken(table, unique),
                            String.join("/", unique) + " is already taken in the target");
                }
            }
        }
        if (columns.containsKey("agents")) {
            leaderRule();
        }
        refuseIfAny();
    }

    /** Inserts every kept row that is not present yet; run inside the import's transaction. */
    ImportReport copy() throws SQLException, ImportRefused {
        ImportReport report = new ImportReport();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA defer_foreign_keys = ON");
        }
        for (TableSpec table : OriginalSchema.TABLES) {
            List<String> cols = columns.get(table.name());
            if (cols == null) {
                report.table(table.name(), 0, Map.of("not in the source", 0L));
                continue;
            }
            Map<String, Long> skipped = new LinkedHashMap<>();
            if (table.skip() != null) {
                skipped.put(table.skipReason(), count(table, skipped(table)));
            }
            skipped.put("already in the target", count(table, "NOT " + skipped(table) + " AND " + present(table)));
            String insert = "INSERT INTO main." + table.quoted() + " ("
                    + cols.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")) + ") SELECT "
                    + cols.stream().map(table::sourceValue).collect(Collectors.joining(", "))
                    + " FROM src." + table.quoted() + " s WHERE NOT " + skipped(table) + " AND NOT " + present(table);
            try (Statement statement = connection.createStatement()) {
                report.table(table.name(), statement.executeUpdate(insert), skipped);
            } catch (SQLException e) {
                throw new ImportRefused(List.of(table.name() + ": " + e.getMessage()));
            }
        }
        foreignKeysHold();
        leftOut(report);
        return report;
    }

    private void foreignKeysHold() throws SQLException, ImportRefused {
        List<String> broken = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA main.foreign_key_check")) {
            while (rs.next() && broken.size() < 10) {
                broken.add(rs.getString(1) + " row " + rs.getLong(2) + " names no row of " + rs.getString(3));
            }
        }
        if (!broken.isEmpty()) {
            throw new ImportRefused(broken);
        }
    }

    private void leftOut(ImportReport report) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT name FROM src.sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String name : names) {
            if (columns.containsKey(name)) {
                continue;
            }
            String reason = OriginalSchema.LEFT_OUT.getOrDefault(name,
                    name.startsWith("_cf_") ? "Cloudflare bookkeeping" : "not part of Agent Kanban's data");
            long rows = SqliteFiles.count(connection, "SELECT count(*) FROM src.\"" + name.replace("\"", "\"\"") + "\"");
            report.leftOut.add(new ImportReport.LeftOut(name, rows, reason));
        }
    }

    /** One leader per (owner, runtime), within the source and together with the target's leaders. */
    private void leaderRule() throws SQLException {
        String leaders = "SELECT s.owner_id || ' / ' || s.runtime FROM src.agents s WHERE s.kind = 'leader'";
        examples(leaders + " GROUP BY s.owner_id, s.runtime HAVING count(*) > 1",
                "agents: more than one leader for owner / runtime");
        examples(leaders + " AND NOT EXISTS (SELECT 1 FROM main.agents m WHERE m.id = s.id)"
                        + " AND EXISTS (SELECT 1 FROM main.agents m WHERE m.kind = 'leader'"
                        + " AND m.owner_id = s.owner_id AND m.runtime = s.runtime)",
                "agents: the target already has a leader for owner / runtime");
    }

    private String skipped(TableSpec table) {
        return table.skip() == null ? "0" : "coalesce((" + table.skip() + "), 0)";
    }

    private String present(TableSpec table) {
        return "EXISTS (SELECT 1 FROM main." + table.quoted() + " m WHERE "
                + table.key().stream().map(k -> "m.\"" + k + "\" = s.\"" + k + "\"").collect(Collectors.joining(" AND "))
                + ")";
    }

    private String identical(TableSpec table, List<String> cols) {
        return "EXISTS (SELECT 1 FROM main." + table.quoted() + " m WHERE "
                + cols.stream().map(c -> "m.\"" + c + "\" IS " + table.sourceValue(c)).collect(Collectors.joining(" AND "))
                + ")";
    }

    private String uniqueTaken(TableSpec table, List<String> unique) {
        return "EXISTS (SELECT 1 FROM main." + table.quoted() + " m WHERE "
                + unique.stream().map(c -> "m.\"" + c + "\" = " + table.sourceValue(c)).collect(Collectors.joining(" AND "))
                + ")";
    }

    private String dangling(Reference ref) {
        String value = "s.\"" + ref.column() + "\"";
        String missing = "NOT EXISTS (SELECT 1 FROM main.\"" + ref.table() + "\" p WHERE p.\"" + ref.parentColumn()
                + "\" = " + value + ")";
        if (columns.containsKey(ref.table())) {
            missing += " AND NOT EXISTS (SELECT 1 FROM src.\"" + ref.table() + "\" p WHERE p.\"" + ref.parentColumn()
                    + "\" = " + value + ")";
        }
        return ref.nullable() ? "(" + value + " IS NOT NULL AND " + missing + ")"
                : "(" + value + " IS NULL OR (" + missing + "))";
    }

    private long count(TableSpec table, String where) throws SQLException {
        return SqliteFiles.count(connection, "SELECT count(*) FROM src." + table.quoted() + " s WHERE " + where);
    }

    private void report(TableSpec table, String where, String problem) throws SQLException {
        String key = table.key().stream().map(k -> "s.\"" + k + "\"").collect(Collectors.joining(" || '->' || "));
        examples("SELECT " + key + " FROM src." + table.quoted() + " s WHERE " + where, table.name() + ": " + problem);
    }

    /** Adds a problem with its row count and a few of the rows when the query finds any. */
    private void examples(String select, String problem) throws SQLException {
        long rows = SqliteFiles.count(connection, "SELECT count(*) FROM (" + select + ")");
        if (rows == 0) {
            return;
        }
        List<String> some = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(select + " LIMIT " + EXAMPLES);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                some.add(String.valueOf(rs.getString(1)));
            }
        }
        problems.add(problem + " (" + rows + (rows == 1 ? " row" : " rows") + ", e.g. " + String.join(", ", some) + ")");
    }

    private List<String> columnsOf(String schema, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM pragma_table_info(?, ?)")) {
            statement.setString(1, table);
            statement.setString(2, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private void refuseIfAny() throws ImportRefused {
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
    }
}
