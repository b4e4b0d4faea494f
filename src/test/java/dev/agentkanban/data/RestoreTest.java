package dev.agentkanban.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkanban.data.DataCommands.CommandFailure;
import dev.agentkanban.data.backup.Backups;
import dev.agentkanban.data.backup.Restore;
import dev.agentkanban.data.importer.Importer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore checks a backup before it touches the database, and keeps the file it replaces. */
class RestoreTest {

    @TempDir
    Path dir;

    Path db;
    Path backup;

    @BeforeEach
    void aDatabaseAndItsBackup() throws Exception {
        db = dir.resolve("ak.db");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThat(Importer.command(OriginalDatabase.write(dir.resolve("original.db")).file, db, false, quiet, quiet))
                .isZero();
        backup = dir.resolve("backup.db");
        Backups.copy(db, backup);
        try (Connection c = SqliteFiles.open(db, false); Statement s = c.createStatement()) {
            s.execute("DELETE FROM messages");
        }
    }

    private int restore(Path from) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        return Restore.command(db, from, quiet, quiet);
    }

    private long messages(Path file) throws Exception {
        try (Connection c = SqliteFiles.open(file, true)) {
            return SqliteFiles.count(c, "SELECT count(*) FROM messages");
        }
    }

    @Test
    void putsTheBackupInPlaceAndKeepsTheReplacedFile() throws Exception {
        assertThat(restore(backup)).isZero();

        assertThat(messages(db)).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            Path replaced = files.filter(f -> f.getFileName().toString().startsWith("ak.db.replaced-")
                    && !f.toString().endsWith("-wal") && !f.toString().endsWith("-shm")).findFirst().orElseThrow();
            assertThat(messages(replaced)).isZero();
        }
    }

    @Test
    void refusesAFileThatIsNoDatabase() throws Exception {
        Path junk = Files.write(dir.resolve("junk.db"), new byte[8192]);
        Files.write(junk, "not sqlite at all".getBytes(), java.nio.file.StandardOpenOption.WRITE);

        assertThatThrownBy(() -> restore(junk)).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("is not a readable SQLite database");
        assertThat(messages(db)).isZero();
    }

    @Test
    void refusesAnOriginalsDatabaseAndPointsAtImport() throws Exception {
        Path original = OriginalDatabase.write(dir.resolve("other-original.db")).file;

        assertThatThrownBy(() -> restore(original)).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("not an Agent Kanban database of this server")
                .hasMessageContaining("agent-kanban import");
        assertThat(messages(db)).isZero();
    }

    @Test
    void refusesABackupOfANewerServer() throws Exception {
        try (Connection c = SqliteFiles.open(backup, false); Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 1, 'test', '2026-01-01 00:00:00', 1, 1)");
        }

        assertThatThrownBy(() -> restore(backup)).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("written by a newer server").hasMessageContaining("99");
        assertThat(messages(db)).isZero();
    }
}
