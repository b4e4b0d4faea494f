package dev.agentkanban.data;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Direct connections to a database file for the data commands and the backup, which run outside
 * the server's connection pool: the pool begins every transaction IMMEDIATE (a write lock), while
 * copies and exports need plain read snapshots that never hold writers up.
 */
public final class SqliteFiles {

    /** The server's own migrations, exactly as Quarkus runs them at start. */
    public static final String MIGRATIONS = "classpath:db/migrations/sqlite";

    /** Tables whose rows are the data a backup or an import carries, in an order that respects foreign keys. */
    public static final List<String> DATA_TABLES = List.of("user", "account", "session", "apikey", "gpg_keys",
            "repositories", "boards", "machines", "agentHost", "agents", "agent", "agent_sessions", "tasks",
            "task_dependencies", "task_actions", "messages");

    private SqliteFiles() {
    }

    public static Connection open(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** Brings the file to this build's schema; creates it when missing. */
    public static void migrate(Path file) {
        flyway(file).migrate();
    }

    /** Applied migrations this build does not know: the file was written by a newer server. */
    public static List<String> unknownMigrations(Path file) {
        return java.util.Arrays.stream(flyway(file).info().all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion)
                .map(String::valueOf)
                .toList();
    }

    private static Flyway flyway(Path file) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        return Flyway.configure(SqliteFiles.class.getClassLoader())
                .dataSource(source)
                .locations(MIGRATIONS)
                .load();
    }

    /** "ok", or what SQLite found wrong. */
    public static String integrity(Connection connection) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                out.append(out.isEmpty() ? "" : "; ").append(rs.getString(1));
            }
        }
        return out.toString();
    }

    /** Rows per data table; tables the file lacks are left out. */
    public static Map<String, Long> rowCounts(Connection connection, String schema) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : DATA_TABLES) {
            if (hasTable(connection, schema, table)) {
                counts.put(table, count(connection, "SELECT count(*) FROM " + schema + ".\"" + table + "\""));
            }
        }
        return counts;
    }

    public static boolean hasTable(Connection connection, String schema, String table) throws SQLException {
        try (var statement = connection.prepareStatement(
                "SELECT 1 FROM " + schema + ".sqlite_master WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
