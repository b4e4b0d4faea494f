package dev.agentkanban.stream;

import static dev.agentkanban.auth.IdentityType.LEADER;
import static dev.agentkanban.auth.IdentityType.MACHINE;
import static dev.agentkanban.auth.IdentityType.USER;
import static dev.agentkanban.auth.IdentityType.WORKER;

import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Caller;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.SseEventSink;

/** Board stream (api spec 11.2); see {@link TaskStreamResource} for the shape. */
@Path("/api/boards/{id}/stream")
public class BoardStreamResource {

    @Inject
    Caller caller;

    @Inject
    Streams streams;

    @GET
    @Access({USER, MACHINE, WORKER, LEADER})
    @Blocking
    public void stream(@PathParam("id") String boardId, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context RoutingContext http) {
        streams.board(caller.ownerId(), boardId, lastEventId, http, sink);
    }
}
