package dev.agentkanban.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Races that really run in parallel: claims of one task, and task creation on one board. */
@QuarkusTest
class TaskConcurrencyTest {

    static final int CLAIMERS = 32;
    static final int ROUNDS = Integer.getInteger("ak.race.claim-rounds", 50);
    static final int TASKS = 200;

    @Inject
    AgroalDataSource db;

    Workspace ws;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        ws = Workspace.create(new DirectAgents(db));
        pool = Executors.newFixedThreadPool(CLAIMERS);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    /**
     * Sessions of the assignee (and a few of another worker, who is never allowed) claim the same
     * task at once, round after round: exactly one wins, everyone else gets a 409.
     */
    @Test
    void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
        DirectAgents.Agent stranger = new DirectAgents(db).worker(ws.tenant.userId);
        List<DirectAgents.Session> sessions = new ArrayList<>();
        for (int i = 0; i < CLAIMERS; i++) {
            sessions.add(i % 8 == 7 ? stranger.newSession() : ws.worker.newSession());
        }
        for (int round = 0; round < ROUNDS; round++) {
            String id = ws.task("race " + round);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<io.restassured.response.Response>> answers = new ArrayList<>();
            for (DirectAgents.Session session : sessions) {
                String token = session.token();
                answers.add(pool.submit(() -> {
                    start.await();
                    return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                            .contentType("application/json").post("/api/tasks/" + id + "/claim");
                }));
            }
            start.countDown();
            int won = 0;
            for (int i = 0; i < answers.size(); i++) {
                var response = answers.get(i).get();
                String message = response.statusCode() == 200 ? null : response.path("error.message");
                if (response.statusCode() == 200) {
                    won++;
                    assertThat(sessions.get(i)).isNotIn(stranger.session());
                } else if (i % 8 == 7) {
                    assertThat(response.statusCode()).isEqualTo(409);
                    assertThat(message).isEqualTo("Task is not assigned to this agent");
                } else {
                    assertThat(response.statusCode()).isEqualTo(409);
                    assertThat(message).isEqualTo("Cannot claim from in_progress (allowed from: todo)");
                }
            }
            assertThat(won).as("winners in round %d", round).isEqualTo(1);
            assertThat(claimedActions(id)).isEqualTo(1);
        }
    }

    /** Creations on one board at once still number the tasks 1..n without gaps or duplicates. */
    @Test
    void concurrentCreationNumbersTasksWithoutGaps() throws Exception {
        List<Callable<Integer>> creations = IntStream.range(0, TASKS)
                .<Callable<Integer>>mapToObj(i -> () -> ws.leader.request().body(ws.taskBody("task " + i, Map.of()))
                        .post("/api/tasks").then().statusCode(201).extract().path("seq"))
                .toList();
        List<Integer> seqs = new ArrayList<>();
        for (Future<Integer> seq : pool.invokeAll(creations)) {
            seqs.add(seq.get());
        }
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, TASKS).boxed().toList());
        ws.user().get("/api/boards/" + ws.boardId).then().statusCode(200)
                .body("task_seq", org.hamcrest.Matchers.equalTo(TASKS))
                .body("tasks.size()", org.hamcrest.Matchers.equalTo(TASKS));
        List<Integer> positions = ws.user().get("/api/tasks?board_id=" + ws.boardId).then().extract().path("position");
        assertThat(positions).containsExactlyElementsOf(IntStream.range(0, TASKS).boxed().toList());
    }

    private int claimedActions(String taskId) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement(
                "SELECT COUNT(*) FROM task_actions WHERE task_id = ? AND action = 'claimed'")) {
            s.setString(1, taskId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
