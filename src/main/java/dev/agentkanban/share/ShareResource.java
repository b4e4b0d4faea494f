package dev.agentkanban.share;

import dev.agentkanban.auth.Public;
import dev.agentkanban.stream.Streams;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.SseEventSink;

/** Public views of a shared board (api spec 11.3, 12.1, 12.2); anonymous, no credentials read. */
@Path("/api/share/{slug}")
public class ShareResource {

    @Inject
    ShareService shares;

    @Inject
    Streams streams;

    @GET
    @Public
    public Response view(@PathParam("slug") String slug) {
        // explicit type: the spec's JSON responses carry no charset parameter
        return Response.ok(shares.view(slug), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/badge.svg")
    @Public
    public Response badge(@PathParam("slug") String slug) {
        ShareService.Shared board = shares.find(slug);
        ShareService.Counts c = board.counts();
        String svg = Badge.svg(board.name(), orZero(c.todo()), orZero(c.inProgress()), orZero(c.inReview()),
                orZero(c.done()));
        return Response.ok(svg)
                .header("Content-Type", "image/svg+xml")
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    /** The board stream of a public board; see the task stream resource for how the response stays open. */
    @GET
    @Path("/stream")
    @Public
    @Blocking
    public void stream(@PathParam("slug") String slug, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context RoutingContext http) {
        streams.shared(slug, lastEventId, http, sink);
    }

    private static long orZero(Long count) {
        return count == null ? 0 : count;
    }
}
