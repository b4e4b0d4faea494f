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

/**
 * Task stream (api spec 11.1). The sink parameter makes the framework keep the response open
 * after the method returns, and finish the request when the sink closes; the bytes are written
 * by the stream's subscriber in the spec's exact framing. No {@code @Produces}: like the original,
 * the stream is served whatever the Accept header says.
 *
 * <p>The class carries the full path: a resource class on a shorter prefix such as
 * {@code /api/tasks} would otherwise take every request under it.
 */
@Path("/api/tasks/{id}/stream")
public class TaskStreamResource {

    @Inject
    Caller caller;

    @Inject
    Streams streams;

    @GET
    @Access({USER, MACHINE, WORKER, LEADER})
    @Blocking
    public void stream(@PathParam("id") String taskId, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context RoutingContext http) {
        streams.task(caller.ownerId(), taskId, lastEventId, http, sink);
    }
}
