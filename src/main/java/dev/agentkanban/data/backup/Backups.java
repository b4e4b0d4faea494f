package dev.agentkanban.data.backup;

import dev.agentkanban.data.DataCommands.CommandFailure;
import dev.agentkanban.data.SqliteFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Consistent copies of a live database. {@code VACUUM INTO} reads one snapshot of the WAL
 * database, so the server keeps committing while the copy is written; the copy is then synced
 * and checked with {@code integrity_check} before it counts as a backup.
 */
public final class Backups {

    /** The names backups get; the endpoint serves only files of exactly this shape. */
    public static final Pattern NAME = Pattern.compile("agent-kanban-\\d{8}T\\d{9}Z\\.db");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private Backups() {
    }

    public record Copy(Path file, long bytes, long millis, Map<String, Long> rows) {
    }

    public static String freshName() {
        return "agent-kanban-" + stamp() + ".db";
    }

    /** Now, to the millisecond, in a form that sorts and fits in a file name. */
    public static String stamp() {
        return STAMP.format(Instant.now());
    }

    public static Copy copy(Path db, Path target) throws SQLException, IOException {
        if (!Files.isRegularFile(db)) {
            throw new CommandFailure("no database at " + db);
        }
        if (Files.exists(target)) {
            throw new CommandFailure(target + " already exists: choose a new file or a directory");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        long start = System.nanoTime();
        try (Connection connection = SqliteFiles.open(db, true);
                PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toString());
            vacuum.execute();
        }
        try (FileChannel file = FileChannel.open(target, StandardOpenOption.WRITE)) {
            file.force(true);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        try (Connection copy = SqliteFiles.open(target, true)) {
            String integrity = SqliteFiles.integrity(copy);
            if (!"ok".equals(integrity)) {
                Files.deleteIfExists(target);
                throw new CommandFailure("the copy failed its integrity check (" + integrity + "); it was removed");
            }
            return new Copy(target, Files.size(target), millis, SqliteFiles.rowCounts(copy, "main"));
        }
    }

    /** {@code agent-kanban backup <target>}: safe while the server runs; a directory target gets a fresh name. */
    public static int command(Path db, Path target, PrintStream out, PrintStream err) {
        Path file = Files.isDirectory(target) ? target.resolve(freshName()) : target;
        try {
            Copy copy = copy(db, file);
            out.println("backed up " + db + " to " + copy.file() + ": " + copy.bytes() + " bytes in " + copy.millis()
                    + " ms, integrity ok");
            out.println("rows: " + copy.rows());
            return 0;
        } catch (SQLException | IOException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
