package dev.agentkanban.common.db;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.RecordedEvents;
import dev.agentkanban.support.Workspace;
import dev.agentkanban.task.Note;
import dev.agentkanban.task.TaskEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit with real concurrent requests: a first write holds its batch open until the
 * others have queued behind it, so they all run in that one batch; then it is let go.
 */
@QuarkusTest
class GroupCommitTest {

    @Inject
    GroupCommit commits;

    @Inject
    ProbeWrites writes;

    @Inject
    AgroalDataSource db;

    @Inject
    RecordedEvents events;

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        ProbeWrites.gate.countDown();
        pool.shutdownNow();
    }

    @Test
    void aFailingWriteRollsBackAloneWhileTheRestOfItsBatchCommits() throws Exception {
        String a = id("a"), b = id("b"), c = id("c"), d = id("d");
        List<Future<Response>> answers = batch(
                () -> create("hold", a, null), () -> create("ok", b, null),
                () -> create("refuse", c, null), () -> create("ok", d, null));

        answers.get(0).get(30, TimeUnit.SECONDS).then().statusCode(200);
        String transaction = answers.get(0).get().path("transaction");
        answers.get(1).get(30, TimeUnit.SECONDS).then().statusCode(200);
        answers.get(2).get(30, TimeUnit.SECONDS).then().statusCode(409);
        assertThat(answers.get(2).get().<String>path("error.message")).isEqualTo("Refused " + c);
        answers.get(3).get(30, TimeUnit.SECONDS).then().statusCode(200);

        assertThat(stored(a)).as("written in the batch's transaction").isEqualTo(transaction);
        assertThat(stored(b)).isEqualTo(transaction);
        assertThat(stored(d)).isEqualTo(transaction);
        assertThat(stored(c)).as("the refused write left nothing").isNull();
        assertThat(names(a, b, d)).as("each write ran in its own request's context")
                .containsExactly("tag-" + a, "tag-" + b, "tag-" + d);
        assertThat(writes.committed()).as("after-commit work in commit order, none for the refused write")
                .containsSubsequence(a, b, d).doesNotContain(c);
    }

    @Test
    void aWriteThatBreaksTheTransactionFailsAloneAndTheOthersAreRunAgainAndLand() throws Exception {
        String a = id("a"), b = id("b"), c = id("c"), d = id("d");
        List<Future<Response>> answers = batch(
                () -> create("hold", a, null), () -> create("ok", b, null),
                () -> create("duplicate", c, a), () -> create("ok", d, null));

        answers.get(0).get(30, TimeUnit.SECONDS).then().statusCode(200);
        answers.get(1).get(30, TimeUnit.SECONDS).then().statusCode(200);
        answers.get(2).get(30, TimeUnit.SECONDS).then().statusCode(409)
                .body("error.code", org.hamcrest.Matchers.equalTo("CONFLICT"));
        answers.get(3).get(30, TimeUnit.SECONDS).then().statusCode(200);

        String transaction = answers.get(0).get().path("transaction");
        assertThat(stored(a)).isEqualTo(transaction);
        assertThat(stored(b)).isEqualTo(transaction);
        assertThat(stored(d)).as("the write after the broken one joined the new transaction").isEqualTo(transaction);
        assertThat(stored(c)).isNull();
        assertThat(stored(c + "-twin")).isNull();
        List<String> committed = writes.committed();
        assertThat(committed).containsSubsequence(a, b, d).doesNotContain(c);
        assertThat(committed.stream().filter(a::equals)).as("the rolled-back first run announced nothing").hasSize(1);
    }

    @Test
    void theWriteAfterAFailedOneSeesTheDatabaseNotTheEntitiesTheFailedOneChanged() throws Exception {
        String victim = id("victim");
        create("ok", victim, null).then().statusCode(200);
        String a = id("a"), b = id("b");
        List<Future<Response>> answers = batch(
                () -> create("hold", a, null), () -> create("spoil", b, victim),
                () -> given().get("/test/writes/name/" + victim));

        answers.get(0).get(30, TimeUnit.SECONDS).then().statusCode(200);
        answers.get(1).get(30, TimeUnit.SECONDS).then().statusCode(409);
        answers.get(2).get(30, TimeUnit.SECONDS).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("tag-" + victim));
        assertThat(names(victim)).containsExactly("tag-" + victim);
        assertThat(stored(b)).isNull();
    }

    @Test
    void manyParallelWritersAllLandAndEachIsAnsweredOnce() throws Exception {
        List<Future<Response>> answers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String id = id("w" + i);
            ids.add(id);
            String mode = i % 8 == 3 ? "refuse" : "ok";
            answers.add(pool.submit(() -> create(mode, id, null)));
        }
        for (int i = 0; i < ids.size(); i++) {
            int status = answers.get(i).get(60, TimeUnit.SECONDS).statusCode();
            boolean refused = i % 8 == 3;
            assertThat(status).isEqualTo(refused ? 409 : 200);
            assertThat(stored(ids.get(i)) != null).as(ids.get(i)).isEqualTo(!refused);
        }
    }

    @Test
    void parallelTaskWritesReachTheStreamsInCommitOrder() throws Exception {
        Workspace ws = Workspace.create(new DirectAgents(db));
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(ws.task("parallel " + i));
        }
        List<Future<Integer>> answers = new ArrayList<>();
        for (String task : tasks) {
            answers.add(pool.submit(() -> ws.worker.request().post("/api/tasks/" + task + "/claim").statusCode()));
            for (int n = 0; n < 12; n++) {
                String detail = "note " + n;
                answers.add(pool.submit(() -> ws.worker.request().body(Map.of("detail", detail))
                        .post("/api/tasks/" + task + "/notes").statusCode()));
            }
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get(60, TimeUnit.SECONDS)).isIn(200, 201);
        }
        List<String> announced = events.forTasks(tasks).stream().filter(e -> e.type().equals(TaskEvent.NOTE))
                .map(e -> ((Note) e.payload()).id()).toList();
        assertThat(announced).as("one note event per action, in the order the actions were committed")
                .isEqualTo(actionsInCommitOrder(tasks));
    }

    /** Sends the first request, waits until it holds its batch, queues the rest behind it, lets go. */
    @SafeVarargs
    private List<Future<Response>> batch(java.util.concurrent.Callable<Response>... requests) throws Exception {
        ProbeWrites.gate = new CountDownLatch(1);
        ProbeWrites.holding = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        answers.add(pool.submit(requests[0]));
        assertThat(ProbeWrites.holding.await(30, TimeUnit.SECONDS)).as("the first write holds its batch").isTrue();
        for (int i = 1; i < requests.length; i++) {
            answers.add(pool.submit(requests[i]));
            awaitQueued(i);
        }
        ProbeWrites.gate.countDown();
        return answers;
    }

    private void awaitQueued(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (commits.queued() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(commits.queued()).as("writes queued behind the holding one").isEqualTo(n);
    }

    private static Response create(String mode, String id, String other) {
        var request = given().header("X-Probe-Tag", "tag-" + id);
        if (other != null) {
            request = request.queryParam("other", other);
        }
        return request.post("/test/writes/" + mode + "/" + id);
    }

    private static String id(String name) {
        return "probe-" + name + "-" + UUID.randomUUID();
    }

    /** The transaction key the user row was written under, or null when there is no such row. */
    private String stored(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT image FROM \"user\" WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** SQLite hands out rowids in insertion order, and writes are serialized: rowid order is commit order. */
    private List<String> actionsInCommitOrder(List<String> tasks) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM task_actions WHERE task_id IN (?, ?, ?, ?) ORDER BY rowid")) {
            for (int i = 0; i < tasks.size(); i++) {
                s.setString(i + 1, tasks.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private List<String> names(String... ids) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT name FROM \"user\" WHERE id = ?")) {
            for (String id : ids) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    names.add(rs.next() ? rs.getString(1) : null);
                }
            }
        }
        return names;
    }
}
