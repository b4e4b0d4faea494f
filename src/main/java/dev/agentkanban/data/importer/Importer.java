package dev.agentkanban.data.importer;

import dev.agentkanban.auth.Hashes;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.DatabaseFile;
import dev.agentkanban.data.DataCommands.CommandFailure;
import dev.agentkanban.data.SqliteFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sqlite.Function;

/**
 * {@code agent-kanban import}: the original's data (its SQLite file, or the SQL text of
 * {@code wrangler d1 export}) into the configured database. The source is first staged into a
 * scratch SQLite file, then attached to the target as {@code src}: every check is a query over
 * both, and the copy is one transaction, so the target gets all rows or none.
 */
public final class Importer {

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private Importer() {
    }

    public static int command(Path source, Path target, boolean merge, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(source)) {
            throw new CommandFailure("no such file: " + source);
        }
        FileLock lock;
        try {
            lock = DatabaseFile.claim(target);
        } catch (IOException e) {
            throw new CommandFailure("cannot open " + target + ": " + e.getMessage());
        }
        if (lock == null) {
            throw new CommandFailure(target + " is in use by a running server: stop it first");
        }
        Path scratch = null;
        try (var channel = lock.channel()) {
            scratch = Files.createTempFile("ak-import-", ".db");
            String kind = stage(source, scratch);
            SqliteFiles.migrate(target);
            ImportReport report = run(scratch, target, merge);
            out.println("imported " + source + " (" + kind + ") into " + target + (merge ? " (merge)" : ""));
            report.print(out);
            return 0;
        } catch (ImportRefused e) {
            err.println("agent-kanban import: refused, no data was written to " + target + ":");
            e.problems.forEach(p -> err.println("  - " + p));
            return 1;
        } catch (IOException | SQLException e) {
            throw new CommandFailure(e.getMessage());
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** Copies the source into the scratch file; answers what kind of source it was. */
    static String stage(Path source, Path scratch) throws IOException, SQLException {
        if (isSqliteFile(source)) {
            Files.delete(scratch);
            try (Connection connection = SqliteFiles.open(source, true);
                    PreparedStatement copy = connection.prepareStatement("VACUUM INTO ?")) {
                copy.setString(1, scratch.toString());
                copy.execute();
            }
            return "SQLite file";
        }
        try (var reader = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
            SqlScript.load(reader, scratch);
        }
        return "SQL export";
    }

    /** Checks the staged source against the target and copies it in one transaction. */
    static ImportReport run(Path staged, Path target, boolean merge) throws SQLException, ImportRefused {
        try (Connection connection = SqliteFiles.open(target, false)) {
            register(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ATTACH DATABASE '" + staged.toString().replace("'", "''") + "' AS src");
            }
            ImportPlan plan = new ImportPlan(connection);
            plan.checkSource();
            if (!merge) {
                Map<String, Long> existing = SqliteFiles.rowCounts(connection, "main");
                existing.values().removeIf(n -> n == 0);
                if (!existing.isEmpty()) {
                    throw new ImportRefused(List.of("the target already holds data " + existing
                            + ": import into an empty database, or pass --merge to add to it"));
                }
            }
            plan.check();
            connection.setAutoCommit(false);
            try {
                ImportReport report = plan.copy();
                connection.commit();
                return report;
            } catch (SQLException | ImportRefused | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The hash login tokens are stored as here, and the clock skip rules compare with. */
    private static void register(Connection connection) throws SQLException {
        Function.create(connection, "ak_sha256", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String value = value_text(0);
                result(value == null ? null : Hashes.sha256(value));
            }
        });
        String now = Times.now();
        Function.create(connection, "ak_now", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(now);
            }
        });
    }

    private static boolean isSqliteFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_MAGIC.length), SQLITE_MAGIC);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover scratch file in the temp directory is harmless
            }
        }
    }
}
