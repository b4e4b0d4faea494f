package dev.agentkanban.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.RecordedEvents;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the live streams will be told, and that a rolled-back change tells them nothing. */
@QuarkusTest
class TaskEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Inject
    RecordedEvents events;

    @Test
    void everyActionIsAnnouncedAsNoteAndBoardNoteAfterCommit() {
        Workspace ws = Workspace.create(new DirectAgents(db));
        String id = ws.task("announced");
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(200);
        ws.worker.request().post("/api/tasks/" + id + "/claim").then().statusCode(409);
        ws.user().body(Map.of("sender_type", "user", "content", "hello")).post("/api/tasks/" + id + "/messages")
                .then().statusCode(201);

        List<TaskEvent> seen = events.forTask(id);
        assertThat(seen).extracting(TaskEvent::type)
                .containsExactly("note", "board_note", "note", "board_note", "note", "board_note", "message");
        assertThat(seen).allSatisfy(e -> {
            assertThat(e.ownerId()).isEqualTo(ws.tenant.userId);
            assertThat(e.boardId()).isEqualTo(ws.boardId);
        });
        assertThat(payload(seen, 0).get("action")).isEqualTo("created");
        assertThat(payload(seen, 2).get("action")).isEqualTo("assigned");
        Map<String, Object> claimNote = payload(seen, 4);
        assertThat(claimNote.keySet()).containsExactly("id", "task_id", "actor_type", "actor_id", "action", "detail",
                "created_at", "session_id", "actor_name", "actor_public_key");
        assertThat(claimNote.get("action")).isEqualTo("claimed");
        assertThat(claimNote.get("actor_name")).isEqualTo("Worker");
        assertThat(claimNote.get("actor_public_key")).isEqualTo(ws.worker.publicKey);
        assertThat(claimNote.get("session_id")).isEqualTo(ws.worker.session().id);
        Map<?, ?> claimBoardNote = payload(seen, 5);
        assertThat(claimBoardNote.get("agent_kind")).isEqualTo("worker");
        assertThat(claimBoardNote.get("id")).isEqualTo(claimNote.get("id"));
        Map<String, Object> message = payload(seen, 6);
        assertThat(message.get("content")).isEqualTo("hello");
        assertThat(message.keySet()).containsExactly("id", "task_id", "sender_type", "sender_id", "content",
                "created_at");
    }

    /** The payload as the streams serialise it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(List<TaskEvent> events, int index) {
        return JSON.convertValue(events.get(index).payload(), Map.class);
    }
}
