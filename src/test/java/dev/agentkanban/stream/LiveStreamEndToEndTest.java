package dev.agentkanban.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.SseClient;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real task routes feed the real streams: what a worker does reaches a watching user live. */
@QuarkusTest
class LiveStreamEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void taskChangesMadeThroughTheApiArriveOnBoardAndTaskStreamsInOrder() {
        Tenant tenant = Tenant.create();
        Machine machine = tenant.machine();
        Agent leader = machine.leader("claude");
        Agent worker = machine.worker();
        String boardId = leader.request().body(Map.of("name", "live", "type", "ops")).post("/api/boards")
                .then().statusCode(201).extract().path("id");

        try (SseClient board = SseClient.open("/api/boards/" + boardId + "/stream", tenant.token)) {
            assertThat(board.status).isEqualTo(200);
            String taskId = leader.request().body(Map.of("board_id", boardId, "title", "watch me",
                    "assigned_to", worker.id)).post("/api/tasks").then().statusCode(201).extract().path("id");
            try (SseClient task = SseClient.open("/api/tasks/" + taskId + "/stream", tenant.token)) {
                assertThat(task.take(2, WAIT)).extracting(SseClient.Event::name).containsExactly("note", "note");
                worker.request().post("/api/tasks/" + taskId + "/claim").then().statusCode(200);

                SseClient.Event claimed = task.next(WAIT);
                assertThat(claimed.name()).isEqualTo("note");
                assertThat(claimed.data()).contains("\"action\":\"claimed\"").contains(worker.id);
            }
            List<SseClient.Event> onBoard = board.take(3, WAIT);
            assertThat(onBoard).extracting(SseClient.Event::name).containsOnly("board_note");
            assertThat(onBoard).extracting(SseClient.Event::data).satisfiesExactly(
                    created -> assertThat(created).contains("\"action\":\"created\""),
                    assigned -> assertThat(assigned).contains("\"action\":\"assigned\""),
                    claimed -> assertThat(claimed).contains("\"action\":\"claimed\"")
                            .contains("\"agent_kind\":\"worker\""));
        }
    }
}
