package dev.agentkanban.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.Body;
import java.util.List;

/**
 * A task creation request after the checks that need no database (api spec 5.1, steps 1-4, in
 * that order), with empty strings already turned into "absent" where the spec says so.
 * {@code labels} and {@code input} are JSON text ready to store.
 */
public record NewTask(String title, String assignedTo, String input, String scheduledAt, String boardId,
        String description, String repositoryId, String labels, String priority, List<String> dependsOn,
        String createdFrom) {

    public static NewTask from(JsonNode json) {
        Body body = Body.of(json);
        String title = body.string("title");
        if (title == null || title.isEmpty()) {
            throw ApiException.badRequest("title is required");
        }
        String assignedTo = body.string("assigned_to", Body.MAX_SHORT);
        if (assignedTo == null || assignedTo.isEmpty()) {
            throw ApiException.badRequest("assigned_to is required");
        }
        JsonNode input = input(body);
        String scheduledAt = ScheduledAt.parse(body.raw().get("scheduled_at"));
        List<String> dependsOn = body.strings("depends_on");
        return new NewTask(title, assignedTo, input == null ? null : input.toString(), scheduledAt,
                emptyAsNull(body.string("board_id", Body.MAX_SHORT)),
                emptyAsNull(body.string("description")),
                emptyAsNull(body.string("repository_id", Body.MAX_SHORT)),
                labels(body),
                emptyAsNull(body.string("priority", Body.MAX_SHORT)),
                dependsOn == null ? List.of() : dependsOn,
                emptyAsNull(body.string("created_from", Body.MAX_SHORT)));
    }

    /** {@code input}: an object, an array or null; anything else is refused. */
    static JsonNode input(Body body) {
        JsonNode input = body.raw().get("input");
        if (input == null || input.isNull()) {
            return null;
        }
        if (!input.isObject() && !input.isArray()) {
            throw ApiException.badRequest("input must be a JSON object or null");
        }
        return input;
    }

    /** {@code labels}: any JSON array of at most {@link Body#MAX_ITEMS} items, or null; stored as JSON text. */
    static String labels(Body body) {
        JsonNode labels = body.raw().get("labels");
        if (labels == null || labels.isNull()) {
            return null;
        }
        if (!labels.isArray()) {
            throw ApiException.badRequest("labels must be an array");
        }
        if (labels.size() > Body.MAX_ITEMS) {
            throw ApiException.badRequest("labels has more than " + Body.MAX_ITEMS + " items");
        }
        return labels.toString();
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
