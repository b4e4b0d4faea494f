package dev.agentkanban.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task lists build TaskRow as SQL json_object for speed ({@link TaskReads}); every other
 * answer serialises the {@link TaskRow} record. The same fully filled task, read both ways, has
 * the record's keys in the record's order, each with the same JSON type.
 */
@QuarkusTest
class TaskJsonShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Test
    void theSqlBuiltRowsMatchTheRecord() throws Exception {
        Workspace ws = Workspace.create(new DirectAgents(db));
        String parent = ws.task("parent");
        String id = ws.task("full", Map.of("description", "every field set", "labels", List.of("x"),
                "input", Map.of("ticket", 7), "priority", "high", "created_from", parent,
                "scheduled_at", "2026-01-01T00:00:00Z"));
        ws.leader.request().body(Map.of("result", "done it", "pr_url", "https://example.com/pr/1", "position", 2.5))
                .patch("/api/tasks/" + id).then().statusCode(200);

        JsonNode record = read(ws.user().get("/api/tasks/" + id).then().statusCode(200).extract().asString());
        JsonNode listed = find(read(ws.user().get("/api/tasks?board_id=" + ws.boardId).then().statusCode(200)
                .extract().asString()), id);
        JsonNode onBoard = find(read(ws.user().get("/api/boards/" + ws.boardId).then().statusCode(200)
                .extract().asString()).get("tasks"), id);

        List<String> keys = recordKeys();
        for (JsonNode sqlBuilt : List.of(listed, onBoard)) {
            assertThat(fieldNames(sqlBuilt).subList(0, keys.size())).containsExactlyElementsOf(keys);
            for (String key : keys) {
                assertThat(sqlBuilt.get(key).getNodeType()).as(key).isEqualTo(record.get(key).getNodeType());
                assertThat(sqlBuilt.get(key)).as(key).isEqualTo(record.get(key));
            }
        }
        assertThat(keys).allSatisfy(key -> assertThat(record.get(key).isNull()).as(key).isFalse());
    }

    /** The JSON names of the record's components, in declaration order, as its naming strategy gives them. */
    private static List<String> recordKeys() {
        var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
        return Arrays.stream(TaskRow.class.getRecordComponents())
                .map(RecordComponent::getName)
                .map(snake::translate)
                .toList();
    }

    private static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode task : array) {
            if (id.equals(task.path("id").asText())) {
                return task;
            }
        }
        throw new AssertionError("task " + id + " not listed");
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
