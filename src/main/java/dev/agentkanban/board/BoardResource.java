package dev.agentkanban.board;

import static dev.agentkanban.auth.IdentityType.LEADER;
import static dev.agentkanban.auth.IdentityType.MACHINE;
import static dev.agentkanban.auth.IdentityType.USER;
import static dev.agentkanban.auth.IdentityType.WORKER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.common.error.ApiException;
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

/** Boards (api spec 10.1-10.5). */
@Path("/api/boards")
@Produces(MediaType.APPLICATION_JSON)
public class BoardResource {

    private static final Map<String, Object> OK = Map.of("ok", true);

    @Inject
    Caller caller;

    @Inject
    BoardService boards;


    @POST
    @Access({USER, LEADER})
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"name", "type"}, properties = {
                @SchemaProperty(name = "name", type = SchemaType.STRING),
                @SchemaProperty(name = "type", type = SchemaType.STRING, enumeration = {"dev", "ops"}),
                @SchemaProperty(name = "description", type = SchemaType.STRING)})))
    @APIResponse(responseCode = "201", description = "The created board",
            content = @Content(schema = @Schema(implementation = BoardView.class)))
    public Response create(JsonNode json) {
        Body body = Body.of(json);
        String name = body.string("name", Body.MAX_SHORT);
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("name is required");
        }
        JsonNode type = body.raw().get("type");
        if (type == null || !type.isTextual() || !(Board.DEV.equals(type.asText()) || Board.OPS.equals(type.asText()))) {
            throw ApiException.badRequest("type must be 'dev' or 'ops'");
        }
        Board board = boards.create(caller.ownerId(), name, type.asText(), body.string("description"));
        return Response.status(201).entity(board.view()).build();
    }

    /** All boards of the owner, or with {@code ?name=} the one board of that name. */
    @GET
    @Access({USER, MACHINE, WORKER, LEADER})
    @APIResponse(responseCode = "200", description = "The owner's boards; with ?name= the one board of that name",
            content = @Content(schema = @Schema(oneOf = {BoardView.class, BoardView[].class})))
    public Object list(@QueryParam("name") String name) {
        if (name != null && !name.isEmpty()) {
            return boards.byName(caller.ownerId(), name).view();
        }
        List<Board> all = boards.list(caller.ownerId());
        return all.stream().map(Board::view).toList();
    }

    /** The board with its tasks; stale tasks of the board are released first (api spec 5.14). */
    @GET
    @Path("/{id}")
    @Access({USER, MACHINE, WORKER, LEADER})
    public BoardWithTasks get(@PathParam("id") String id) {
        return boards.withTasks(caller.ownerId(), id);
    }

    @PATCH
    @Path("/{id}")
    @Access({USER, LEADER})
    public BoardView patch(@PathParam("id") String id, JsonNode json) {
        Body body = Body.of(json);
        String name = null;
        if (body.has("name")) {
            name = body.string("name", Body.MAX_SHORT);
            if (name == null) {
                throw ApiException.badRequest("name must be a string");
            }
        }
        String visibility = null;
        if (body.has("visibility")) {
            visibility = body.string("visibility", Body.MAX_SHORT);
            if (visibility == null) {
                throw ApiException.badRequest("visibility must be a string");
            }
        }
        BoardService.Change change = new BoardService.Change(name, body.has("description"),
                body.string("description"), visibility);
        return boards.patch(caller.ownerId(), id, change).view();
    }

    @DELETE
    @Path("/{id}")
    @Access({USER, LEADER})
    public Map<String, Object> delete(@PathParam("id") String id) {
        boards.delete(caller.ownerId(), id);
        return OK;
    }
}
