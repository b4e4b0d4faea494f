package dev.agentkanban.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics}: who may read it, and that the meters move with the traffic that feeds them. */
@QuarkusTest
class MetricsTest {

    private static final Team.PerClass TEAM = new Team.PerClass();

    @Test
    void requestsAreCountedPerRouteTemplateAndStatusNeverPerRawPath() {
        Team team = TEAM.get();
        String unknownTask = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 11);
        String unknownPath = "/nowhere-" + UUID.randomUUID();
        given().get("/api/ping").then().statusCode(200);
        team.machine.request().get("/api/tasks/" + unknownTask).then().statusCode(404);
        given().get(unknownPath).then().statusCode(404);

        String metrics = scrape();
        assertThat(value(metrics, "http_server_requests_seconds_count", "method=\"GET\"", "status=\"200\"",
                "uri=\"/api/ping\"")).isPositive();
        assertThat(value(metrics, "http_server_requests_seconds_count", "status=\"404\"",
                "uri=\"/api/tasks/{id}\"")).isPositive();
        assertThat(metrics).doesNotContain(unknownTask).doesNotContain(unknownPath);
    }

    @Test
    void taskTransitionsAndStatusesAreCounted() throws InterruptedException {
        Team team = TEAM.get();
        String before = scrape();
        String id = team.task("Counted");
        Agent worker = team.worker;
        worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(409);
        String after = scrape();

        String[] applied = {"result=\"applied\"", "transition=\"claim\""};
        String[] refused = {"result=\"refused\"", "transition=\"claim\""};
        assertThat(value(after, "ak_task_transitions_total", applied))
                .isGreaterThanOrEqualTo(value(before, "ak_task_transitions_total", applied) + 1);
        assertThat(value(after, "ak_task_transitions_total", refused))
                .isGreaterThanOrEqualTo(value(before, "ak_task_transitions_total", refused) + 1);
        // The status counts are refreshed at most every few seconds.
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (value(after, "ak_tasks", "status=\"in_progress\"") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            after = scrape();
        }
        assertThat(value(after, "ak_tasks", "status=\"in_progress\"")).isPositive();
    }

    @Test
    void everyWriteShowsItsQueueWaitBatchAndCommit() {
        Team team = TEAM.get();
        String before = scrape();
        team.task("Written");
        String after = scrape();
        for (String meter : new String[] {"ak_write_queue_wait_seconds_count", "ak_write_batch_size_count",
                "ak_db_commit_seconds_count"}) {
            assertThat(plain(after, meter)).as(meter).isGreaterThan(plain(before, meter));
        }
        assertThat(plain(after, "ak_write_batch_size_sum")).isGreaterThanOrEqualTo(plain(after,
                "ak_write_batch_size_count"));
    }

    @Test
    void refusedAgentTokensAreCountedByReason() {
        Agent worker = TEAM.get().worker;
        String before = scrape();
        String token = worker.token();
        given().header("Authorization", "Bearer " + token).get("/api/agents").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get("/api/agents").then().statusCode(401);
        String after = scrape();
        assertThat(value(after, "ak_agent_jwt_failures_total", "reason=\"replay\""))
                .isEqualTo(value(before, "ak_agent_jwt_failures_total", "reason=\"replay\"") + 1);
        assertThat(after).contains("ak_agent_jwt_failures_total{reason=\"audience\"}");
    }

    @Test
    void openStreamsAndMcpMetersAreExported() {
        String metrics = scrape();
        assertThat(metrics).contains("ak_streams_open ").contains("ak_relay_sockets_open{role=\"daemon\"}")
                .contains("ak_relay_sockets_open{role=\"browser\"}");
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }

    @Test
    void aProxiedRequestIsRefusedEvenFromLoopback() {
        given().header("X-Forwarded-For", "203.0.113.9").get("/q/metrics").then().statusCode(403);
        given().header("Forwarded", "for=203.0.113.9").get("/q/metrics").then().statusCode(403);
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sample of an unlabelled meter; 0 when it is absent. */
    static double plain(String metrics, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The sample of {@code name} whose labels contain all of {@code labels}; 0 when there is none. */
    static double value(String metrics, String name, String... labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{(.*)} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        double total = 0;
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
