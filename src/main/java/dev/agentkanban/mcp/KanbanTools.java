package dev.agentkanban.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentkanban.agent.AgentResource;
import dev.agentkanban.agent.AgentService;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.auth.RouteAccess;
import dev.agentkanban.auth.RouteRule;
import dev.agentkanban.board.Board;
import dev.agentkanban.board.BoardResource;
import dev.agentkanban.board.BoardService;
import dev.agentkanban.task.Lifecycle;
import dev.agentkanban.task.NewTask;
import dev.agentkanban.task.TaskNotes;
import dev.agentkanban.task.TaskReads;
import dev.agentkanban.task.TaskResource;
import dev.agentkanban.task.TaskService;
import dev.agentkanban.task.Transition;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The board's MCP tools. Each one is allowed exactly where the HTTP route it stands for is (the
 * rule is read from that route's method, never restated here) and calls the same service.
 */
@RegisterForReflection(targets = {BoardResource.class, TaskResource.class, AgentResource.class})
public class KanbanTools {

    /** Each tool and the route methods whose rules it is held to. */
    static final Map<String, List<Route>> ROUTES = Map.ofEntries(
            Map.entry("list_boards", List.of(new Route(BoardResource.class, "list", String.class))),
            Map.entry("list_tasks", List.of(new Route(TaskResource.class, "list", String.class, String.class,
                    String.class, String.class, String.class, String.class))),
            Map.entry("get_task", List.of(new Route(TaskResource.class, "get", String.class),
                    new Route(TaskResource.class, "notes", String.class, String.class))),
            Map.entry("create_task", List.of(new Route(TaskResource.class, "create", JsonNode.class))),
            Map.entry("update_task", List.of(new Route(TaskResource.class, "patch", String.class, JsonNode.class))),
            Map.entry("claim_task", List.of(new Route(TaskResource.class, "claim", String.class))),
            Map.entry("review_task", List.of(new Route(TaskResource.class, "review", String.class, JsonNode.class))),
            Map.entry("complete_task", List.of(new Route(TaskResource.class, "complete", String.class,
                    JsonNode.class))),
            Map.entry("reject_task", List.of(new Route(TaskResource.class, "reject", String.class, JsonNode.class))),
            Map.entry("cancel_task", List.of(new Route(TaskResource.class, "cancel", String.class))),
            Map.entry("add_note", List.of(new Route(TaskResource.class, "addNote", String.class, JsonNode.class))),
            Map.entry("list_agents", List.of(new Route(AgentResource.class, "list"))));

    /** A resource method, named by class, method name and parameter types. */
    record Route(Class<?> resource, String name, Class<?>... parameters) {
    }

    private final Map<String, RouteRule[]> rules = new HashMap<>();

    KanbanTools(RouteAccess routes) {
        ROUTES.forEach((tool, methods) -> rules.put(tool, methods.stream()
                .map(m -> routes.of(m.resource(), m.name(), m.parameters())).toArray(RouteRule[]::new)));
    }

    @Inject
    ToolCalls calls;

    @Inject
    ObjectMapper json;

    @Inject
    BoardService boards;

    @Inject
    TaskReads reads;

    @Inject
    TaskService tasks;

    @Inject
    Lifecycle lifecycle;

    @Inject
    TaskNotes notes;

    @Inject
    AgentService agents;

    @Tool(name = "list_boards", description = "The boards of your account (GET /api/boards).",
            annotations = @Tool.Annotations(readOnlyHint = true))
    String listBoards() {
        return run("list_boards", who -> boards.list(who.ownerId()).stream().map(Board::view).toList());
    }

    @Tool(name = "list_tasks", description = "Tasks, filtered by any of the given fields (GET /api/tasks).",
            annotations = @Tool.Annotations(readOnlyHint = true))
    String listTasks(
            @ToolArg(name = "board_id", required = false, description = "Only tasks of this board") String boardId,
            @ToolArg(required = false, description = "todo, in_progress, in_review, done or cancelled") String status,
            @ToolArg(required = false, description = "Only tasks carrying this label") String label,
            @ToolArg(name = "assigned_to", required = false, description = "Agent id") String assignedTo,
            @ToolArg(name = "repository_id", required = false, description = "Repository id") String repositoryId,
            @ToolArg(required = false, description = "Only subtasks of this task id") String parent) {
        return run("list_tasks", who -> reads.list(who.ownerId(),
                new TaskReads.Filter(boardId, repositoryId, status, label, parent, assignedTo)));
    }

    @Tool(name = "get_task", description = "One task with its notes, oldest first "
            + "(GET /api/tasks/{id} and GET /api/tasks/{id}/notes).",
            annotations = @Tool.Annotations(readOnlyHint = true))
    String getTask(@ToolArg(name = "task_id", description = "Task id") String taskId) {
        return run("get_task", who -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("task", reads.detail(who.ownerId(), taskId));
            out.put("notes", reads.notes(who.ownerId(), taskId, null));
            return out;
        });
    }

    @Tool(name = "create_task", description = "Create a task (POST /api/tasks); fields as in that route's body.")
    String createTask(
            @ToolArg(description = "Title") String title,
            @ToolArg(name = "assigned_to", description = "Id of the worker agent to assign") String assignedTo,
            @ToolArg(name = "board_id", required = false, description = "Board id; your oldest board if absent")
            String boardId,
            @ToolArg(required = false, description = "Description") String description,
            @ToolArg(name = "repository_id", required = false, description = "Repository id (dev boards)")
            String repositoryId,
            @ToolArg(required = false, description = "low, medium, high or urgent") String priority,
            @ToolArg(required = false, description = "Labels") List<String> labels,
            @ToolArg(name = "depends_on", required = false, description = "Ids of tasks this one waits for")
            List<String> dependsOn,
            @ToolArg(name = "scheduled_at", required = false, description = "ISO 8601 time with zone")
            String scheduledAt,
            @ToolArg(name = "created_from", required = false, description = "Parent task id") String createdFrom) {
        ObjectNode body = json.createObjectNode();
        put(body, "title", title);
        put(body, "assigned_to", assignedTo);
        put(body, "board_id", boardId);
        put(body, "description", description);
        put(body, "repository_id", repositoryId);
        put(body, "priority", priority);
        put(body, "labels", labels);
        put(body, "depends_on", dependsOn);
        put(body, "scheduled_at", scheduledAt);
        put(body, "created_from", createdFrom);
        return run("create_task", who -> tasks.create(who, NewTask.from(body)).createdView(json));
    }

    @Tool(name = "update_task", description = "Change fields of a task (PATCH /api/tasks/{id}); "
            + "only the given fields are written.")
    String updateTask(
            @ToolArg(name = "task_id", description = "Task id") String taskId,
            @ToolArg(required = false, description = "Title") String title,
            @ToolArg(required = false, description = "Description") String description,
            @ToolArg(required = false, description = "low, medium, high or urgent") String priority,
            @ToolArg(required = false, description = "Labels (replaces them)") List<String> labels,
            @ToolArg(name = "depends_on", required = false, description = "Task ids (replaces the dependencies)")
            List<String> dependsOn,
            @ToolArg(name = "scheduled_at", required = false, description = "ISO 8601 time with zone")
            String scheduledAt,
            @ToolArg(required = false, description = "Result text") String result,
            @ToolArg(name = "pr_url", required = false, description = "Pull request URL") String prUrl) {
        ObjectNode body = json.createObjectNode();
        put(body, "title", title);
        put(body, "description", description);
        put(body, "priority", priority);
        put(body, "labels", labels);
        put(body, "depends_on", dependsOn);
        put(body, "scheduled_at", scheduledAt);
        put(body, "result", result);
        put(body, "pr_url", prUrl);
        return run("update_task", who -> tasks.patch(who, taskId, body));
    }

    @Tool(name = "claim_task", description = "Claim a todo task assigned to you (POST /api/tasks/{id}/claim).")
    String claimTask(@ToolArg(name = "task_id", description = "Task id") String taskId) {
        return run("claim_task", who -> lifecycle.apply(who, taskId, Transition.CLAIM, null, null));
    }

    @Tool(name = "review_task", description = "Hand your task in for review (POST /api/tasks/{id}/review).")
    String reviewTask(@ToolArg(name = "task_id", description = "Task id") String taskId,
            @ToolArg(name = "pr_url", required = false, description = "Pull request URL") String prUrl) {
        return run("review_task",
                who -> lifecycle.apply(who, taskId, Transition.REVIEW, null, blankAsNull(prUrl)));
    }

    @Tool(name = "complete_task", description = "Accept a task as done (POST /api/tasks/{id}/complete).")
    String completeTask(@ToolArg(name = "task_id", description = "Task id") String taskId,
            @ToolArg(required = false, description = "Result text") String result,
            @ToolArg(name = "pr_url", required = false, description = "Pull request URL") String prUrl) {
        return run("complete_task", who -> lifecycle.apply(who, taskId, Transition.COMPLETE, blankAsNull(result),
                blankAsNull(prUrl)));
    }

    @Tool(name = "reject_task", description = "Send a task in review back to work (POST /api/tasks/{id}/reject).")
    String rejectTask(@ToolArg(name = "task_id", description = "Task id") String taskId,
            @ToolArg(required = false, description = "What to change") String reason) {
        return run("reject_task",
                who -> lifecycle.apply(who, taskId, Transition.REJECT, blankAsNull(reason), null));
    }

    @Tool(name = "cancel_task", description = "Cancel a task (POST /api/tasks/{id}/cancel).")
    String cancelTask(@ToolArg(name = "task_id", description = "Task id") String taskId) {
        return run("cancel_task", who -> lifecycle.apply(who, taskId, Transition.CANCEL, null, null));
    }

    @Tool(name = "add_note", description = "Add a comment to a task's log (POST /api/tasks/{id}/notes).")
    String addNote(@ToolArg(name = "task_id", description = "Task id") String taskId,
            @ToolArg(description = "The comment") String detail) {
        ObjectNode body = json.createObjectNode();
        put(body, "detail", detail);
        return run("add_note", who -> notes.addNote(who, taskId, body));
    }

    @Tool(name = "list_agents", description = "The agents of your account (GET /api/agents).",
            annotations = @Tool.Annotations(readOnlyHint = true))
    String listAgents() {
        return run("list_agents", who -> agents.list(who.ownerId()));
    }

    private String run(String tool, Function<Identity, Object> action) {
        return calls.run(action, rules.get(tool));
    }

    private void put(ObjectNode body, String field, Object value) {
        if (value != null) {
            body.set(field, json.valueToTree(value));
        }
    }

    private static String blankAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
