package dev.agentkanban.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The leader rule under real concurrency: 50 requests released at once, several rounds. Exactly
 * one wins each round, every loser gets the rule's 409, and nothing answers 5xx. A round takes
 * about 1.5-2 s on the 2-core CI machine, so the default run does 5 rounds;
 * {@code -Dak.race.rounds=20} runs the full 20.
 */
@QuarkusTest
class LeaderRaceTest {

    static final int PARALLEL = Integer.getInteger("ak.race.parallel", 50);
    static final int ROUNDS = Integer.getInteger("ak.race.rounds", 5);

    static ExecutorService pool;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(PARALLEL);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void fiftyConcurrentLeaderCreatesYieldExactlyOneLeaderPerRound() throws Exception {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        for (int round = 0; round < ROUNDS; round++) {
            String runtime = NewAgent.RUNTIMES.get(round % 3);
            List<Response> answers = race(i -> m.request()
                    .body(Map.of("username", Machine.uniqueUsername(), "runtime", runtime, "kind", "leader"))
                    .post("/api/agents"));
            List<Response> created = answers.stream().filter(r -> r.statusCode() == 201).toList();
            assertThat(created).as("round %d", round).hasSize(1);
            assertThat(answers).filteredOn(r -> r.statusCode() != 201).hasSize(PARALLEL - 1)
                    .allSatisfy(r -> {
                        assertThat(r.statusCode()).isEqualTo(409);
                        assertThat(r.jsonPath().getString("error.message"))
                                .isEqualTo("Leader agent for runtime \"" + runtime + "\" already exists");
                    });
            long leaders = t.asUser().get("/api/agents").then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.kind == 'leader' && it.runtime == '" + runtime + "' }").size();
            assertThat(leaders).isEqualTo(1);
            t.asUser().delete("/api/agents/" + created.get(0).jsonPath().getString("id")).then().statusCode(200);
        }
    }

    @Test
    void fiftyConcurrentCreatesOfOneUsernameYieldOneAgent() throws Exception {
        String username = Machine.uniqueUsername();
        List<Machine> machines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            machines.add(Tenant.create().machine());
        }
        List<Response> answers = race(i -> machines.get(i % machines.size()).request()
                .body(Map.of("username", username, "runtime", "claude")).post("/api/agents"));
        assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() != 201).hasSize(PARALLEL - 1).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.jsonPath().getString("error.message"))
                    .isEqualTo("Username \"" + username + "\" is already taken");
        });
    }

    /** Runs PARALLEL requests released together by a barrier; returns every answer. */
    static List<Response> race(IntFunction<Response> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(PARALLEL);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                return request.apply(n);
            }));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> f : futures) {
            answers.add(f.get());
        }
        assertThat(answers).noneMatch(r -> r.statusCode() >= 500);
        return answers;
    }
}
