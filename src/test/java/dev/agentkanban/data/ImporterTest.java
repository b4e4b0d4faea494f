package dev.agentkanban.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.common.db.DatabaseFile;
import dev.agentkanban.data.DataCommands.CommandFailure;
import dev.agentkanban.data.importer.Importer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import command on real SQLite files: what it copies, what it skips, and what it refuses. */
class ImporterTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    private Run importInto(Path source, Path target, boolean merge) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Importer.command(source, target, merge, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, Long> rows(Path db) throws Exception {
        try (Connection c = SqliteFiles.open(db, true)) {
            return SqliteFiles.rowCounts(c, "main");
        }
    }

    private static long total(Path db) throws Exception {
        return rows(db).values().stream().mapToLong(Long::longValue).sum();
    }

    private static final Map<String, Long> EXPECTED = Map.ofEntries(Map.entry("user", 1L), Map.entry("account", 1L),
            Map.entry("session", 1L), Map.entry("apikey", 1L), Map.entry("gpg_keys", 1L), Map.entry("repositories", 1L),
            Map.entry("boards", 1L), Map.entry("machines", 1L), Map.entry("agentHost", 1L), Map.entry("agents", 2L),
            Map.entry("agent", 1L), Map.entry("agent_sessions", 1L), Map.entry("tasks", 3L),
            Map.entry("task_dependencies", 1L), Map.entry("task_actions", 4L), Map.entry("messages", 1L));

    @Test
    void copiesEveryTableOfTheOriginalAndReportsWhatItLeftOut() throws Exception {
        OriginalDatabase original = OriginalDatabase.write(dir.resolve("original.db"));
        Path target = dir.resolve("ak.db");

        Run run = importInto(original.file, target, false);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(rows(target)).containsExactlyInAnyOrderEntriesOf(EXPECTED);
        assertThat(run.out()).contains("(SQLite file)")
                .containsPattern("session\\s+1\\s+1  1: expired login session")
                .containsPattern("apikey\\s+1\\s+1  1: its owner's account was deleted")
                .contains("not imported: d1_migrations (17 rows)")
                .contains("not imported: agentCapabilityGrant (5 rows)")
                .contains("not imported: verification (1 rows)");
        try (Connection c = SqliteFiles.open(target, true)) {
            assertThat(SqliteFiles.count(c, "SELECT count(*) FROM \"session\" WHERE token = '"
                    + OriginalDatabase.sha256(original.loginToken) + "'")).as("login token stored hashed").isEqualTo(1);
        }
    }

    @Test
    void readsTheSqlTextOfAD1ExportLikeTheFile() throws Exception {
        OriginalDatabase original = OriginalDatabase.write(dir.resolve("original.db"));
        Path export = original.writeExport(dir.resolve("export.sql"));
        Path target = dir.resolve("ak.db");

        Run run = importInto(export, target, false);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("(SQL export)");
        assertThat(rows(target)).containsExactlyInAnyOrderEntriesOf(EXPECTED);
        try (Connection c = SqliteFiles.open(target, true); var s = c.createStatement();
                var rs = s.executeQuery("SELECT content FROM messages")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(OriginalDatabase.MESSAGE);
        }
    }

    @Test
    void anExportWithOtherStatementsIsRefusedBeforeAnythingRuns() throws Exception {
        Path planted = dir.resolve("planted.db");
        Path export = Files.writeString(dir.resolve("evil.sql"), "CREATE TABLE boards (id TEXT);\n"
                + "ATTACH DATABASE '" + planted + "' AS x;\nCREATE TABLE x.t (a);\n");
        Path target = dir.resolve("ak.db");

        Assertions.assertThatThrownBy(() -> importInto(export, target, false))
                .isInstanceOf(CommandFailure.class)
                .hasMessageContaining("line 2: not a statement an export of the original contains: ATTACH DATABASE");
        assertThat(planted).doesNotExist();
    }

    @Test
    void aDanglingReferenceRefusesTheImportAndLeavesTheTargetEmpty() throws Exception {
        OriginalDatabase original = OriginalDatabase.write(dir.resolve("original.db"));
        original.execute("PRAGMA foreign_keys = OFF",
                "UPDATE messages SET task_id = 'zzzzzzzzzzzz'",
                "UPDATE tasks SET updated_at = '2026-01-05 08:00:00' WHERE seq = 1",
                "UPDATE boards SET id = 'NOT-AN-ID', owner_id = owner_id");
        Path target = dir.resolve("ak.db");

        Run run = importInto(original.file, target, false);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("refused, no data was written")
                .contains("messages: task_id names no row of tasks (1 row, e.g. ")
                .contains("tasks: updated_at is not an ISO-8601 UTC timestamp")
                .contains("boards: malformed id (1 row, e.g. NOT-AN-ID)")
                .contains("tasks: board_id names no row of boards (3 rows");
        assertThat(total(target)).isZero();
    }

    @Test
    void twoLeadersForOneRuntimeAreRefused() throws Exception {
        OriginalDatabase original = OriginalDatabase.write(dir.resolve("original.db"));
        original.execute("DROP INDEX idx_agents_owner_runtime_leader", "UPDATE agents SET kind = 'leader'");
        Path target = dir.resolve("ak.db");

        Run run = importInto(original.file, target, false);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("agents: more than one leader for owner / runtime (1 row, e.g. "
                + original.userId + " / claude)");
        assertThat(total(target)).isZero();
    }

    @Test
    void aTargetWithDataIsRefusedWithoutMerge() throws Exception {
        Path target = dir.resolve("ak.db");
        assertThat(importInto(OriginalDatabase.write(dir.resolve("a.db")).file, target, false).status()).isZero();
        Map<String, Long> before = rows(target);

        Run second = importInto(OriginalDatabase.write(dir.resolve("b.db")).file, target, false);

        assertThat(second.status()).isEqualTo(1);
        assertThat(second.err()).contains("the target already holds data").contains("pass --merge");
        assertThat(rows(target)).isEqualTo(before);
    }

    @Test
    void mergeAddsNewRowsAndSkipsIdenticalOnes() throws Exception {
        Path target = dir.resolve("ak.db");
        OriginalDatabase first = OriginalDatabase.write(dir.resolve("a.db"));
        OriginalDatabase second = OriginalDatabase.write(dir.resolve("b.db"));
        assertThat(importInto(first.file, target, false).status()).isZero();

        Run again = importInto(first.file, target, true);
        Run other = importInto(second.file, target, true);

        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).containsPattern("tasks\\s+0\\s+3  3: already in the target");
        assertThat(other.status()).as(other.err()).isZero();
        Map<String, Long> doubled = new java.util.HashMap<>();
        EXPECTED.forEach((table, n) -> doubled.put(table, 2 * n));
        assertThat(rows(target)).containsExactlyInAnyOrderEntriesOf(doubled);
    }

    @Test
    void mergeRefusesConflictsAllOrNothing() throws Exception {
        Path target = dir.resolve("ak.db");
        OriginalDatabase first = OriginalDatabase.write(dir.resolve("a.db"));
        assertThat(importInto(first.file, target, false).status()).isZero();
        Map<String, Long> before = rows(target);
        OriginalDatabase second = OriginalDatabase.write(dir.resolve("b.db"));
        // same owner as the target's user: its leader collides with the one already there
        second.execute("PRAGMA foreign_keys = OFF",
                "UPDATE agents SET owner_id = '" + first.userId + "'",
                "UPDATE agents SET username = '" + first.workerUsername + "' WHERE kind = 'worker'");
        first.execute("UPDATE tasks SET title = 'changed since' WHERE seq = 1");
        Path mixed = dir.resolve("mixed.db");
        second.execute("ATTACH DATABASE '" + first.file + "' AS a",
                "INSERT INTO tasks SELECT * FROM a.tasks WHERE seq = 1 AND board_id NOT IN (SELECT id FROM boards)",
                "INSERT INTO boards SELECT * FROM a.boards");
        Files.copy(second.file, mixed);

        Run run = importInto(mixed, target, true);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("tasks: the target already has this id with other content (1 row, e.g. "
                        + first.taskIds.get(0) + ")")
                .contains("agents: username is already taken in the target (1 row")
                .contains("agents: the target already has a leader for owner / runtime (1 row, e.g. "
                        + first.userId + " / claude)");
        assertThat(rows(target)).isEqualTo(before);
    }

    @Test
    void refusesThisServersOwnDatabaseAndPointsAtRestore() throws Exception {
        Path target = dir.resolve("ak.db");
        assertThat(importInto(OriginalDatabase.write(dir.resolve("a.db")).file, target, false).status()).isZero();

        Run run = importInto(target, dir.resolve("other.db"), false);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("written by this server").contains("agent-kanban restore");
    }

    @Test
    void refusesWhileTheServerHoldsTheDatabase() throws Exception {
        Path target = dir.resolve("ak.db");
        OriginalDatabase original = OriginalDatabase.write(dir.resolve("a.db"));
        FileLock held = DatabaseFile.claim(target);
        try {
            Assertions.assertThatThrownBy(() -> importInto(original.file, target, false))
                    .isInstanceOf(CommandFailure.class)
                    .hasMessageContaining("in use by a running server: stop it first");
        } finally {
            held.channel().close();
        }
    }
}
