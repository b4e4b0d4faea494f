package dev.agentkanban.data.backup;

import dev.agentkanban.common.db.DatabaseFile;
import dev.agentkanban.data.DataCommands.CommandFailure;
import dev.agentkanban.data.SqliteFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code agent-kanban restore <backup>}: puts a backup in place of the configured database while
 * no server runs. The backup is copied beside the database and checked there (integrity, an
 * Agent Kanban schema no newer than this build, then migrated to it); only then is the current
 * file renamed aside with a timestamp and the checked copy moved in.
 */
public final class Restore {

    private Restore() {
    }

    public static int command(Path db, Path backup, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(backup)) {
            throw new CommandFailure("no such file: " + backup);
        }
        FileLock lock;
        try {
            lock = DatabaseFile.claim(db);
        } catch (IOException e) {
            throw new CommandFailure("cannot open " + db + ": " + e.getMessage());
        }
        if (lock == null) {
            throw new CommandFailure(db + " is in use by a running server: stop it first");
        }
        Path staging = db.resolveSibling(db.getFileName() + ".restoring");
        try (var channel = lock.channel()) {
            Files.deleteIfExists(staging);
            stage(backup, staging);
            check(staging);
            SqliteFiles.migrate(staging);
            Path replaced = moveAside(db);
            Files.move(staging, db, StandardCopyOption.ATOMIC_MOVE);
            try (Connection restored = SqliteFiles.open(db, true)) {
                out.println("restored " + backup + " into " + db + ": rows " + SqliteFiles.rowCounts(restored, "main"));
            }
            out.println(replaced == null ? "there was no database before" : "the replaced database is kept as " + replaced);
            return 0;
        } catch (SQLException | IOException e) {
            throw new CommandFailure(e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(staging);
            } catch (IOException e) {
                // left beside the database; the next restore replaces it
            }
        }
    }

    private static void stage(Path backup, Path staging) throws SQLException {
        try (Connection connection = SqliteFiles.open(backup, true);
                PreparedStatement copy = connection.prepareStatement("VACUUM INTO ?")) {
            copy.setString(1, staging.toString());
            copy.execute();
        } catch (SQLException e) {
            throw new CommandFailure(backup + " is not a readable SQLite database: " + e.getMessage());
        }
    }

    private static void check(Path staging) throws SQLException {
        try (Connection connection = SqliteFiles.open(staging, true)) {
            String integrity = SqliteFiles.integrity(connection);
            if (!"ok".equals(integrity)) {
                throw new CommandFailure("the backup fails its integrity check: " + integrity);
            }
            for (String table : List.of("flyway_schema_history", "user", "boards", "tasks")) {
                if (!SqliteFiles.hasTable(connection, "main", table)) {
                    throw new CommandFailure("the backup is not an Agent Kanban database of this server (no table "
                            + table + "); an original's database is loaded with 'agent-kanban import'");
                }
            }
        }
        List<String> newer = SqliteFiles.unknownMigrations(staging);
        if (!newer.isEmpty()) {
            throw new CommandFailure("the backup was written by a newer server (schema versions " + newer
                    + " are unknown to this build): restore it with that version");
        }
    }

    /** Renames the current database (and any WAL it left) aside; null when there was none. */
    private static Path moveAside(Path db) throws IOException {
        if (!Files.exists(db)) {
            return null;
        }
        try (Connection connection = SqliteFiles.open(db, false); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            // a damaged file is moved aside as it is, together with its WAL
        }
        Path replaced = db.resolveSibling(db.getFileName() + ".replaced-" + Backups.stamp());
        Files.move(db, replaced);
        for (String suffix : List.of("-wal", "-shm")) {
            Path side = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(side)) {
                Files.move(side, replaced.resolveSibling(replaced.getFileName() + suffix));
            }
        }
        return replaced;
    }
}
