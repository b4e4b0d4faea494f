package dev.agentkanban.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.common.Times;
import dev.agentkanban.support.DirectBoards;
import dev.agentkanban.support.SseClient;
import dev.agentkanban.support.SseClient.Event;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BoardStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(400);

    @Inject
    DirectBoards boards;

    @Test
    void actionsOnAnyTaskOfTheBoardArriveAsBoardNotesWithTheAgentKind() throws Exception {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        String first = boards.task(board, "One");
        String second = boards.task(board, "Two");
        String agent = boards.agent(tenant.userId, "Backend Dev", "worker");
        try (SseClient client = SseClient.open("/api/boards/" + board + "/stream", tenant.token)) {
            assertThat(client.status).isEqualTo(200);
            assertThat(client.headers.allValues("content-type")).containsExactly("text/event-stream");
            Map<String, Object> claimed = boards.action(tenant.userId, board, first, "agent:worker", agent, "claimed",
                    null, "0b7d0c8e-3c1e-4f7a-9a55-2f1d6e0c9b11", Times.now());
            Map<String, Object> comment = boards.comment(tenant.userId, board, second, tenant.userId, "hi");
            boards.message(tenant.userId, board, first, tenant.userId, "messages are not board events", Times.now());

            List<Event> events = client.take(2, Duration.ofSeconds(1));
            assertThat(client.drain(QUIET)).isEmpty();
            assertThat(events).extracting(Event::name).containsOnly("board_note");
            assertThat(events).extracting(Event::id).containsExactly((String) claimed.get("id"), (String) comment.get("id"));
            Map<String, Object> payload = JSON.readValue(events.get(0).data(), new TypeReference<>() {
            });
            assertThat(payload.keySet()).containsExactly("id", "task_id", "actor_type", "actor_id", "action", "detail",
                    "created_at", "session_id", "actor_name", "actor_public_key", "agent_kind");
            assertThat(payload).containsEntry("agent_kind", "worker").containsEntry("actor_name", "Backend Dev");
        }
    }

    @Test
    void anotherOwnersOrAnUnknownBoardStreamsNothing() {
        Tenant owner = Tenant.create();
        Tenant stranger = Tenant.create();
        String board = boards.board(owner.userId);
        String task = boards.task(board, "Private");
        boards.comment(owner.userId, board, task, owner.userId, "before");
        try (SseClient foreign = SseClient.open("/api/boards/" + board + "/stream", stranger.token);
                SseClient unknown = SseClient.open("/api/boards/nosuchbd/stream", stranger.token);
                SseClient own = SseClient.open("/api/boards/" + board + "/stream", owner.token)) {
            assertThat(foreign.status).isEqualTo(200);
            assertThat(unknown.status).isEqualTo(200);
            boards.comment(owner.userId, board, task, owner.userId, "after");
            assertThat(own.drain(QUIET)).hasSize(2);
            assertThat(foreign.drain(QUIET)).isEmpty();
            assertThat(unknown.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void theInitialBatchIsTheNewestHundredOfTheLastFiveMinutesOldestFirst() {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        String task = boards.task(board, "Busy");
        String otherBoardTask = boards.task(boards.board(tenant.userId), "Elsewhere");
        Instant now = Instant.now();
        List<String> recent = new ArrayList<>();
        boards.inOneTransaction(() -> {
            boards.insertAction(task, "user", tenant.userId, "commented", Times.format(now.minusSeconds(301)));
            boards.insertAction(otherBoardTask, "user", tenant.userId, "commented", Times.format(now.minusSeconds(10)));
            for (int i = 0; i < 105; i++) {
                recent.add(boards.insertAction(task, "user", tenant.userId, "commented",
                        Times.format(now.minusSeconds(200).plusMillis(i))));
            }
        });
        try (SseClient client = SseClient.open("/api/boards/" + board + "/stream", tenant.token)) {
            List<Event> batch = client.take(100, Duration.ofSeconds(5));
            assertThat(client.drain(QUIET)).isEmpty();
            assertThat(batch).extracting(Event::id).containsExactlyElementsOf(recent.subList(5, 105));
        }
    }

    @Test
    void lastEventIdResumesExactlyAndAnUnknownOneFallsBackToTheWindow() {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        String task = boards.task(board, "Resume");
        String seen;
        try (SseClient client = SseClient.open("/api/boards/" + board + "/stream", tenant.token)) {
            boards.comment(tenant.userId, board, task, tenant.userId, "one");
            seen = client.next(Duration.ofSeconds(1)).id();
        }
        String missed = (String) boards.comment(tenant.userId, board, task, tenant.userId, "two").get("id");
        try (SseClient resumed = SseClient.open("/api/boards/" + board + "/stream", tenant.token, seen)) {
            assertThat(resumed.drain(QUIET)).extracting(Event::id).containsExactly(missed);
        }
        try (SseClient fresh = SseClient.open("/api/boards/" + board + "/stream", tenant.token, "nosuchevent1")) {
            assertThat(fresh.status).isEqualTo(200);
            assertThat(fresh.drain(QUIET)).extracting(Event::id).containsExactly(seen, missed);
        }
    }
}
