package dev.agentkanban.task;

import static dev.agentkanban.auth.IdentityType.LEADER;
import static dev.agentkanban.auth.IdentityType.MACHINE;
import static dev.agentkanban.auth.IdentityType.USER;
import static dev.agentkanban.auth.IdentityType.WORKER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.common.web.Body;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Tasks, their lifecycle, notes and chat (api spec 5). Every task lookup is scoped to the caller's owner. */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    private static final Map<String, Object> OK = Map.of("ok", true);

    @Inject
    Caller caller;

    @Inject
    TaskService tasks;

    @Inject
    TaskReads reads;

    @Inject
    Lifecycle lifecycle;

    @Inject
    TaskNotes notes;

    @Inject
    ObjectMapper json;

    /**
     * Machines may create tasks too: the daemon's repository setup task (design.md); and people,
     * from the web UI (the original's API refuses them, and its web app offers no way to).
     */
    @POST
    @Access({WORKER, LEADER, MACHINE, USER})
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"title", "assigned_to"}, properties = {
                @SchemaProperty(name = "title", type = SchemaType.STRING),
                @SchemaProperty(name = "assigned_to", type = SchemaType.STRING, description = "worker agent id"),
                @SchemaProperty(name = "board_id", type = SchemaType.STRING, description = "default: oldest board"),
                @SchemaProperty(name = "description", type = SchemaType.STRING),
                @SchemaProperty(name = "repository_id", type = SchemaType.STRING,
                        description = "required on dev boards, refused on ops boards"),
                @SchemaProperty(name = "labels", type = SchemaType.ARRAY),
                @SchemaProperty(name = "priority", type = SchemaType.STRING,
                        enumeration = {"low", "medium", "high", "urgent"}),
                @SchemaProperty(name = "input", type = SchemaType.OBJECT, nullable = true),
                @SchemaProperty(name = "depends_on", type = SchemaType.ARRAY, nullable = true),
                @SchemaProperty(name = "created_from", type = SchemaType.STRING, description = "parent task id"),
                @SchemaProperty(name = "scheduled_at", type = SchemaType.STRING, nullable = true)})))
    @APIResponse(responseCode = "201", description = "The created task",
            content = @Content(schema = @Schema(implementation = TaskRow.class)))
    public Response create(JsonNode body) {
        TaskRow task = tasks.create(caller.get(), NewTask.from(body));
        return Response.status(201).entity(task.createdView(json)).build();
    }

    @GET
    @Access({USER, MACHINE, WORKER, LEADER})
    @APIResponse(responseCode = "200", description = "The owner's tasks matching every given filter",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TaskRow.class)))
    public byte[] list(@QueryParam("board_id") String boardId, @QueryParam("repository_id") String repositoryId,
            @QueryParam("status") String status, @QueryParam("label") String label,
            @QueryParam("parent") String parent, @QueryParam("assigned_to") String assignedTo) {
        return reads.list(caller.ownerId(),
                new TaskReads.Filter(boardId, repositoryId, status, label, parent, assignedTo));
    }

    @GET
    @Path("/{id}")
    @Access({USER, MACHINE, WORKER, LEADER})
    public TaskDetail get(@PathParam("id") String id) {
        return reads.detail(caller.ownerId(), id);
    }

    /** Machines may edit too (the daemon adds the setup task as a dependency); workers only their own tasks. */
    @PATCH
    @Path("/{id}")
    @Access({WORKER, LEADER, MACHINE})
    @RequestBody(required = true, description = "Every present field is written; status, assignee and board are not",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, properties = {
                @SchemaProperty(name = "title", type = SchemaType.STRING),
                @SchemaProperty(name = "description", type = SchemaType.STRING, nullable = true),
                @SchemaProperty(name = "repository_id", type = SchemaType.STRING, nullable = true),
                @SchemaProperty(name = "labels", type = SchemaType.ARRAY, nullable = true),
                @SchemaProperty(name = "priority", type = SchemaType.STRING, nullable = true),
                @SchemaProperty(name = "result", type = SchemaType.STRING, nullable = true),
                @SchemaProperty(name = "pr_url", type = SchemaType.STRING, nullable = true),
                @SchemaProperty(name = "input", type = SchemaType.OBJECT, nullable = true),
                @SchemaProperty(name = "position", type = SchemaType.INTEGER),
                @SchemaProperty(name = "scheduled_at", type = SchemaType.STRING, nullable = true),
                @SchemaProperty(name = "depends_on", type = SchemaType.ARRAY, description = "replaces the set")})))
    @APIResponse(responseCode = "200", description = "The task overlaid with the body's fields (api spec 5.4)",
            content = @Content(schema = @Schema(implementation = TaskRow.class)))
    public ObjectNode patch(@PathParam("id") String id, JsonNode body) {
        return tasks.patch(caller.get(), id, body);
    }

    /** People may delete tasks too (web UI); the original allows only agents. */
    @DELETE
    @Path("/{id}")
    @Access({WORKER, LEADER, USER})
    public Map<String, Object> delete(@PathParam("id") String id) {
        tasks.delete(caller.get(), id);
        return OK;
    }

    @POST
    @Path("/{id}/claim")
    @Moves(Transition.CLAIM)
    public TaskRow claim(@PathParam("id") String id) {
        return lifecycle.apply(caller.get(), id, Transition.CLAIM, null, null);
    }

    @POST
    @Path("/{id}/review")
    @Moves(Transition.REVIEW)
    public TaskRow review(@PathParam("id") String id, JsonNode body) {
        String prUrl = nonEmpty(Body.lenient(body).string("pr_url"));
        return lifecycle.apply(caller.get(), id, Transition.REVIEW, null, prUrl);
    }

    @POST
    @Path("/{id}/reject")
    @Moves(Transition.REJECT)
    public TaskRow reject(@PathParam("id") String id, JsonNode body) {
        String reason = nonEmpty(Body.lenient(body).string("reason"));
        return lifecycle.apply(caller.get(), id, Transition.REJECT, reason, null);
    }

    @POST
    @Path("/{id}/complete")
    @Moves(Transition.COMPLETE)
    public TaskRow complete(@PathParam("id") String id, JsonNode body) {
        Body b = Body.lenient(body);
        return lifecycle.apply(caller.get(), id, Transition.COMPLETE, nonEmpty(b.string("result")),
                nonEmpty(b.string("pr_url")));
    }

    @POST
    @Path("/{id}/cancel")
    @Moves(Transition.CANCEL)
    public TaskRow cancel(@PathParam("id") String id) {
        return lifecycle.apply(caller.get(), id, Transition.CANCEL, null, null);
    }

    @POST
    @Path("/{id}/release")
    @Moves(Transition.RELEASE)
    public TaskRow release(@PathParam("id") String id) {
        return lifecycle.apply(caller.get(), id, Transition.RELEASE, null, null);
    }

    /** People may assign too (web UI); the original allows only leaders. */
    @POST
    @Path("/{id}/assign")
    @Access({LEADER, USER})
    public TaskRow assign(@PathParam("id") String id, JsonNode body) {
        String agentId = body != null && body.isObject() ? Body.of(body).string("agent_id", Body.MAX_SHORT) : null;
        return lifecycle.assign(caller.get(), id, agentId);
    }

    @POST
    @Path("/{id}/notes")
    @Access({WORKER, LEADER})
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = "detail", properties = @SchemaProperty(name = "detail", type = SchemaType.STRING))))
    @APIResponse(responseCode = "201", description = "The comment added to the task's log",
            content = @Content(schema = @Schema(implementation = TaskNotes.AddedNote.class)))
    public Response addNote(@PathParam("id") String id, JsonNode body) {
        return Response.status(201).entity(notes.addNote(caller.get(), id, body)).build();
    }

    @GET
    @Path("/{id}/notes")
    @Access({USER, MACHINE, WORKER, LEADER})
    public List<Note> notes(@PathParam("id") String id, @QueryParam("since") String since) {
        return reads.notes(caller.ownerId(), id, since);
    }

    @POST
    @Path("/{id}/messages")
    @Access(value = {WORKER, LEADER, USER}, closedSession = true)
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"sender_type", "content"}, properties = {
                @SchemaProperty(name = "sender_type", type = SchemaType.STRING, enumeration = {"user", "agent"}),
                @SchemaProperty(name = "sender_id", type = SchemaType.STRING),
                @SchemaProperty(name = "content", type = SchemaType.STRING)})))
    @APIResponse(responseCode = "201", description = "The chat message",
            content = @Content(schema = @Schema(implementation = ChatMessage.class)))
    public Response addMessage(@PathParam("id") String id, JsonNode body) {
        return Response.status(201).entity(notes.addMessage(caller.get(), id, body).view()).build();
    }

    @GET
    @Path("/{id}/messages")
    @Access({USER, MACHINE, WORKER, LEADER})
    public List<ChatMessage> messages(@PathParam("id") String id, @QueryParam("since") String since) {
        return reads.messages(caller.ownerId(), id, since);
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
