package dev.agentkanban.share;

import dev.agentkanban.auth.Public;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** {@code GET /share/*}: the HTML page social networks read for a shared board (api spec 12.3). */
@Path("/share")
public class SharePageResource {

    private static final String HTML = "text/html; charset=utf-8";

    @Inject
    SharePage page;

    @GET
    @Public
    public Response root(@Context HttpServerRequest request) {
        return html(page.render(request.path()));
    }

    @GET
    @Path("/{rest: .*}")
    @Public
    public Response any(@Context HttpServerRequest request) {
        return html(page.render(request.path()));
    }

    private static Response html(String body) {
        return Response.ok(body).header("Content-Type", HTML).build();
    }
}
