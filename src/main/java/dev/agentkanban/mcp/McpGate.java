package dev.agentkanban.mcp;

import dev.agentkanban.auth.Authenticator;
import dev.agentkanban.auth.Credentials;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.auth.IdentityType;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.error.ErrorMappers;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Authenticates every request to the MCP endpoint before the MCP server sees it: a machine API
 * key or an agent JWT in {@code Authorization}, resolved exactly as on the HTTP API (one fresh
 * agent JWT per request, as the CLI signs them). Anything else is answered 401 with a JSON-RPC
 * error, so no MCP method, not even {@code initialize}, is open to an anonymous caller.
 */
@ApplicationScoped
public class McpGate {

    private static final Logger LOG = Logger.getLogger(McpGate.class);

    static final String IDENTITY = "ak.mcp.identity";
    static final String PATH = "/mcp";

    /** JSON-RPC error code MCP servers use for authentication and permission failures. */
    static final int SECURITY_ERROR = -32001;

    @Inject
    Authenticator authenticator;

    void register(@Observes Filters filters) {
        filters.register(this::handle, 90);
    }

    /** The identity the gate admitted for the request being served. */
    static Identity identity(RoutingContext ctx) {
        Identity identity = ctx == null ? null : ctx.get(IDENTITY);
        if (identity == null) {
            throw ApiException.unauthorized("Missing token");
        }
        return identity;
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        request.pause();
        ctx.vertx().executeBlocking(() -> authenticate(request), false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.put(IDENTITY, result.result());
                ctx.next();
                return;
            }
            request.resume();
            ApiException refusal = ErrorMappers.expected(result.cause());
            if (refusal == null) {
                LOG.error("Unexpected error authenticating an MCP request", result.cause());
            }
            int status = refusal == null ? 500 : refusal.status();
            String message = refusal == null ? "Internal server error" : refusal.getMessage();
            JsonObject error = new JsonObject().put("code", SECURITY_ERROR).put("message", message);
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("jsonrpc", "2.0").putNull("id").put("error", error).encode());
        });
    }

    private Identity authenticate(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            throw ApiException.unauthorized("Missing token: send a machine API key or an agent JWT as a Bearer token");
        }
        ManagedContext context = Arc.container().requestContext();
        boolean activated = !context.isActive();
        if (activated) {
            context.activate();
        }
        try {
            Identity identity = authenticator.authenticate(Credentials.of(request));
            if (identity.is(IdentityType.USER)) {
                throw ApiException.unauthorized("The MCP endpoint takes a machine API key or an agent JWT");
            }
            return identity;
        } finally {
            if (activated) {
                context.terminate();
            }
        }
    }
}
