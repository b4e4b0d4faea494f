package dev.agentkanban.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
class TaskStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(400);

    @Inject
    DirectBoards boards;

    private record Fixture(Tenant tenant, String board, String task) {
        String path() {
            return "/api/tasks/" + task + "/stream";
        }
    }

    private Fixture fixture() {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        return new Fixture(tenant, board, boards.task(board, "Stream me"));
    }

    @Test
    void aCommittedNoteArrivesWithinOneSecondWithTheSpecFraming() throws Exception {
        Fixture f = fixture();
        try (SseClient client = SseClient.open(f.path(), f.tenant.token)) {
            assertThat(client.status).isEqualTo(200);
            assertThat(client.headers.allValues("content-type")).containsExactly("text/event-stream");
            assertThat(client.headers.allValues("cache-control")).containsExactly("no-cache");
            assertThat(client.headers.allValues("connection")).containsExactly("keep-alive");

            long start = System.nanoTime();
            Map<String, Object> note = boards.comment(f.tenant.userId, f.board, f.task, f.tenant.userId, "first 'note' ✓");
            Event event = client.next(Duration.ofSeconds(1));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(event).as("delivered within 1 s").isNotNull();
            assertThat(millis).isLessThan(1000);
            assertThat(event.name()).isEqualTo("note");
            assertThat(event.id()).isEqualTo(note.get("id"));
            assertThat(event.data()).isEqualTo(JSON.writeValueAsString(note));
            assertThat(client.raw()).contains("id: " + note.get("id") + "\nevent: note\ndata: {\"id\":");
            assertThat(client.drain(QUIET)).as("the board_note twin is not on the task stream").isEmpty();
        }
    }

    @Test
    void messagesArriveAsMessageEventsAndTheTokenMayComeInTheQuery() throws Exception {
        Fixture f = fixture();
        try (SseClient client = SseClient.open(f.path() + "?token=" + f.tenant.token, null)) {
            assertThat(client.status).isEqualTo(200);
            Map<String, Object> message = boards.message(f.tenant.userId, f.board, f.task, f.tenant.userId,
                    "Please also cover /signup.", Times.now());
            Event event = client.next(Duration.ofSeconds(1));
            assertThat(event.name()).isEqualTo("message");
            assertThat(event.id()).isEqualTo(message.get("id"));
            assertThat(JSON.readTree(event.data()).fieldNames()).toIterable()
                    .containsExactly("id", "task_id", "sender_type", "sender_id", "content", "created_at");
            assertThat(event.data()).isEqualTo(JSON.writeValueAsString(message));
        }
    }

    @Test
    void eventsOfOtherTasksAndRolledBackWritesAreNeverDelivered() {
        Fixture f = fixture();
        String otherTask = boards.task(f.board, "Other");
        try (SseClient client = SseClient.open(f.path(), f.tenant.token)) {
            boards.comment(f.tenant.userId, f.board, otherTask, f.tenant.userId, "elsewhere");
            String rolledBack = boards.rolledBackComment(f.tenant.userId, f.board, f.task, f.tenant.userId);
            Map<String, Object> committed = boards.comment(f.tenant.userId, f.board, f.task, f.tenant.userId, "kept");

            List<Event> events = client.drain(QUIET);
            assertThat(events).extracting(Event::id).containsExactly((String) committed.get("id"));
            assertThat(boards.count("SELECT count(*) FROM task_actions WHERE id = ?", rolledBack)).isZero();
        }
    }

    @Test
    void theInitialBatchIsTheNewest50NotesAnd50MessagesOldestFirstNotesFirstOnTies() throws Exception {
        Fixture f = fixture();
        String agent = boards.agent(f.tenant.userId, "Backend Dev", "worker");
        Instant base = Instant.now().minusSeconds(3600);
        List<String> notes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        boards.inOneTransaction(() -> {
            for (int i = 0; i < 55; i++) {
                notes.add(boards.insertAction(f.task, "agent:worker", agent, "commented", Times.format(base.plusSeconds(i))));
            }
            for (int i = 0; i < 53; i++) {
                // messages share their second with a note: the note must come first
                messages.add(boards.insertMessage(f.task, f.tenant.userId, "m" + i, Times.format(base.plusSeconds(i + 3))));
            }
        });
        try (SseClient client = SseClient.open(f.path(), f.tenant.token)) {
            List<Event> batch = client.take(100, Duration.ofSeconds(5));
            assertThat(client.drain(QUIET)).isEmpty();

            List<String> expected = new ArrayList<>();
            // notes 5..54 at seconds 5..54, messages 3..52 at seconds 6..55
            for (int second = 5; second <= 55; second++) {
                if (second <= 54) {
                    expected.add(notes.get(second));
                }
                if (second >= 6) {
                    expected.add(messages.get(second - 3));
                }
            }
            assertThat(batch).extracting(Event::id).containsExactlyElementsOf(expected);
            Event note = batch.get(0);
            assertThat(note.name()).isEqualTo("note");
            Map<String, Object> payload = JSON.readValue(note.data(), new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
            assertThat(payload.keySet()).containsExactly("id", "task_id", "actor_type", "actor_id", "action", "detail",
                    "created_at", "session_id", "actor_name", "actor_public_key");
            assertThat(payload.get("actor_name")).isEqualTo("Backend Dev");
            assertThat(payload.get("actor_public_key")).isEqualTo("pk-" + agent);
        }
    }

    @Test
    void theDatabaseBatchCarriesTheSameJsonAsTheLiveEvent() {
        Fixture f = fixture();
        String agent = boards.agent(f.tenant.userId, "Reviewer", "leader");
        Map<String, Object> live;
        String liveData;
        try (SseClient client = SseClient.open(f.path(), f.tenant.token)) {
            live = boards.action(f.tenant.userId, f.board, f.task, "agent:leader", agent, "rejected", "needs tests",
                    "0b7d0c8e-3c1e-4f7a-9a55-2f1d6e0c9b11", Times.now());
            liveData = client.next(Duration.ofSeconds(1)).data();
        }
        try (SseClient again = SseClient.open(f.path(), f.tenant.token)) {
            Event fromDatabase = again.next(Duration.ofSeconds(2));
            assertThat(fromDatabase.id()).isEqualTo(live.get("id"));
            assertThat(fromDatabase.data()).isEqualTo(liveData);
        }
    }

    @Test
    void lastEventIdResumesWithExactlyWhatWasMissed() {
        Fixture f = fixture();
        String otherTask = boards.task(f.board, "Other");
        String last;
        try (SseClient client = SseClient.open(f.path(), f.tenant.token)) {
            for (int i = 0; i < 3; i++) {
                boards.comment(f.tenant.userId, f.board, f.task, f.tenant.userId, "seen " + i);
            }
            last = client.take(3, Duration.ofSeconds(2)).get(2).id();
        }
        List<String> missed = new ArrayList<>();
        missed.add((String) boards.comment(f.tenant.userId, f.board, f.task, f.tenant.userId, "missed 1").get("id"));
        boards.comment(f.tenant.userId, f.board, otherTask, f.tenant.userId, "other task");
        missed.add((String) boards.message(f.tenant.userId, f.board, f.task, f.tenant.userId, "missed 2", Times.now())
                .get("id"));
        missed.add((String) boards.comment(f.tenant.userId, f.board, f.task, f.tenant.userId, "missed 3").get("id"));

        try (SseClient resumed = SseClient.open(f.path(), f.tenant.token, last)) {
            assertThat(resumed.take(3, Duration.ofSeconds(2))).extracting(Event::id).containsExactlyElementsOf(missed);
            String live = (String) boards.comment(f.tenant.userId, f.board, f.task, f.tenant.userId, "live").get("id");
            assertThat(resumed.drain(QUIET)).extracting(Event::id).containsExactly(live);
        }
    }

    @Test
    void aLastEventIdNoLongerInMemoryResumesFromTheDatabaseInInsertionOrder() {
        Fixture f = fixture();
        String at = Times.format(Instant.now().minusSeconds(600));
        // created + assigned share a timestamp, as task creation writes them
        String created = boards.insertAction(f.task, "user", f.tenant.userId, "created", at);
        String assigned = boards.insertAction(f.task, "user", f.tenant.userId, "assigned", at);
        String message = boards.insertMessage(f.task, f.tenant.userId, "same millisecond", at);
        String later = boards.insertAction(f.task, "user", f.tenant.userId, "commented",
                Times.format(Instant.now().minusSeconds(300)));

        try (SseClient fromCreated = SseClient.open(f.path(), f.tenant.token, created)) {
            assertThat(fromCreated.drain(QUIET)).extracting(Event::id).containsExactly(assigned, message, later);
        }
        try (SseClient fromMessage = SseClient.open(f.path(), f.tenant.token, message)) {
            assertThat(fromMessage.drain(QUIET)).extracting(Event::id).containsExactly(later);
        }
        try (SseClient fromLatest = SseClient.open(f.path(), f.tenant.token, later)) {
            assertThat(fromLatest.drain(QUIET)).isEmpty();
            String live = (String) boards.comment(f.tenant.userId, f.board, f.task, f.tenant.userId, "live").get("id");
            assertThat(fromLatest.drain(QUIET)).extracting(Event::id).containsExactly(live);
        }
    }

    @Test
    void anUnknownLastEventIdIsRefusedAndAnEmptyOneIsIgnored() {
        Fixture f = fixture();
        f.tenant.asUser().header("Last-Event-ID", "nosuchevent1").get(f.path())
                .then().statusCode(400)
                .header("Content-Type", "application/json")
                .body("error.code", equalTo("INVALID_LAST_EVENT_ID"))
                .body("error.message", equalTo("Unknown event ID, reconnect without Last-Event-ID"));
        try (SseClient client = SseClient.open(f.path(), f.tenant.token, "")) {
            assertThat(client.status).isEqualTo(200);
        }
    }

    @Test
    void anotherOwnersTaskIsNotFound() {
        Fixture f = fixture();
        Tenant stranger = Tenant.create();
        stranger.asUser().get(f.path())
                .then().statusCode(404)
                .body("error.message", equalTo("Task not found"));
        stranger.asUser().header("Last-Event-ID", "nosuchevent1").get(f.path())
                .then().statusCode(404);
        f.tenant.asUser().get("/api/tasks/nosuchtask12/stream")
                .then().statusCode(404)
                .body("error.message", equalTo("Task not found"));
        io.restassured.RestAssured.get(f.path())
                .then().statusCode(401)
                .body("error.message", equalTo("Missing token"));
    }

    @Test
    void anIdleStreamStaysOpenWithKeepAliveComments() {
        Fixture f = fixture();
        try (SseClient client = SseClient.open(f.path(), f.tenant.token)) {
            assertThat(client.drain(Duration.ofMillis(2500))).isEmpty();
            assertThat(client.comments()).isGreaterThanOrEqualTo(1);
            assertThat(client.raw()).contains(": keep-alive\n\n");
            assertThat(client.ended()).isFalse();
        }
    }
}
