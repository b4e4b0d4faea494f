package dev.agentkanban.share;

import dev.agentkanban.auth.Public;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** {@code GET /share/*}: a shared board's public page, which link previews read too (api spec 12.3). */
@Path("/share")
public class SharePageResource {

    private static final String HTML = "text/html; charset=utf-8";

    @Inject
    SharePage page;

    @GET
    @Public
    public Response root(@Context HttpServerRequest request) {
        return html(page.render(request.path(), null));
    }

    @GET
    @Path("/{rest: .*}")
    @Public
    public Response any(@Context HttpServerRequest request, @QueryParam("part") String part) {
        return html(page.render(request.path(), part));
    }

    private static Response html(String body) {
        return Response.ok(body).header("Content-Type", HTML).build();
    }
}
