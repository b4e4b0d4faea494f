package dev.agentkanban.data;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.data.backup.Backups;
import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.Tenant;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online backups while tasks are being created in parallel: the copy passes integrity_check and
 * holds one consistent snapshot (every task with its creation action, counts between before and
 * after). Covers the admin endpoint and the command run against the live file.
 */
@QuarkusTest
class BackupTest {

    private static final int WRITERS = 4;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "ak.db.path")
    String dbPath;

    @TempDir
    Path dir;

    Workspace ws;
    ExecutorService pool;
    AtomicBoolean writing;
    AtomicInteger created;
    List<Future<?>> writers;

    @BeforeEach
    void startWriting() {
        ws = Workspace.create(new DirectAgents(db));
        pool = Executors.newFixedThreadPool(WRITERS);
        writing = new AtomicBoolean(true);
        created = new AtomicInteger();
        writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                while (writing.get()) {
                    ws.task("written during the backup");
                    created.incrementAndGet();
                }
                return null;
            }));
        }
    }

    @AfterEach
    void stopWriting() throws Exception {
        writing.set(false);
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
    }

    private long tasksNow() throws Exception {
        try (Connection c = db.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM tasks WHERE board_id = '" + ws.boardId + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void awaitWrites(int n) throws InterruptedException {
        int start = created.get();
        while (created.get() < start + n) {
            Thread.sleep(20);
        }
    }

    /** The copy is sound and one snapshot of this test's board taken between {@code before} and {@code after}. */
    private void assertConsistentCopy(Path copy, long before, long after) throws Exception {
        String board = "'" + ws.boardId + "'";
        try (Connection c = SqliteFiles.open(copy, true)) {
            assertThat(SqliteFiles.integrity(c)).isEqualTo("ok");
            long tasks = SqliteFiles.count(c, "SELECT count(*) FROM tasks WHERE board_id = " + board);
            assertThat(tasks).isBetween(before, after);
            assertThat(SqliteFiles.count(c, "SELECT count(*) FROM task_actions a JOIN tasks t ON t.id = a.task_id"
                    + " WHERE t.board_id = " + board + " AND a.action = 'created'"))
                    .as("each task's creation action is in the same snapshot").isEqualTo(tasks);
            assertThat(SqliteFiles.count(c, "SELECT task_seq FROM boards WHERE id = " + board))
                    .as("the board's counter matches its tasks").isEqualTo(tasks);
        }
    }

    @Test
    void theAdminEndpointCopiesTheLiveDatabaseWhileWritesGoOn() throws Exception {
        awaitWrites(20);
        long before = tasksNow();
        var response = Tenant.admin().asUser().post("/api/admin/backups")
                .then().statusCode(201).body("integrity", equalTo("ok")).extract();
        awaitWrites(20);
        long after = tasksNow();

        String file = response.path("file");
        assertThat(file).matches(Backups.NAME.pattern());
        Path copy = dir.resolve(file);
        try (InputStream in = Tenant.admin().asUser().get("/api/admin/backups/" + file)
                .then().statusCode(200).extract().asInputStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Files.size(copy)).isEqualTo(((Number) response.path("bytes")).longValue());
        assertConsistentCopy(copy, before, after);
        Tenant.admin().asUser().get("/api/admin/backups").then().statusCode(200)
                .body("backups.file", org.hamcrest.Matchers.hasItem(file));
    }

    @Test
    void theBackupCommandCopiesTheFileTheServerIsWriting() throws Exception {
        awaitWrites(20);
        long before = tasksNow();
        Path copy = dir.resolve("command.db");
        var out = new java.io.ByteArrayOutputStream();
        int status = Backups.command(Path.of(dbPath), copy, new java.io.PrintStream(out, true), System.err);
        awaitWrites(20);
        long after = tasksNow();

        assertThat(status).isZero();
        assertThat(out.toString()).contains("integrity ok");
        assertConsistentCopy(copy, before, after);
    }

    @Test
    void onlyAdminsMayTakeListOrFetchBackups() {
        Tenant user = Tenant.create();
        user.asUser().post("/api/admin/backups").then().statusCode(403);
        user.asUser().get("/api/admin/backups").then().statusCode(403);
        Tenant.withKey(user.createApiKey()).post("/api/admin/backups").then().statusCode(403);
        given().post("/api/admin/backups").then().statusCode(401);
    }

    @Test
    void onlyBackupFileNamesAreServed() {
        Tenant admin = Tenant.admin();
        for (String name : List.of("..%2F..%2Fetc%2Fpasswd", "..%2Fak.db", "agent-kanban-1.db", "%2Fetc%2Fpasswd")) {
            admin.asUser().get("/api/admin/backups/" + name).then().statusCode(404);
        }
        admin.asUser().get("/api/admin/backups/agent-kanban-20260101T000000000Z.db").then().statusCode(404)
                .body("error.message", equalTo("Backup not found"));
    }
}
