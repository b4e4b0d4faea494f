package dev.agentkanban.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.agentkanban.common.db.Constraints;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.LockAcquisitionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into the error envelope; only unexpected ones are logged, never sent. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final int MAX_DETAIL = 200;

    @Inject
    PageErrors pages;

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return pages.forPage(e, request).orElseGet(() -> ErrorBody.response(e));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return ErrorBody.response(404, "NOT_FOUND", "No route for " + request.method() + " " + request.path());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        return ErrorBody.response(405, "METHOD_NOT_ALLOWED",
                "Method " + request.method() + " is not allowed on " + request.path());
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        return ErrorBody.response(415, "UNSUPPORTED_MEDIA_TYPE",
                "Content-Type " + (type == null ? "(none)" : "\"" + clip(type) + "\"")
                        + " is not supported; send application/json");
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return invalidJson(e);
    }

    /** Declared separately because the JSON extension ships its own mapper for this subtype. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return invalidJson(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        JsonProcessingException json = find(e, JsonProcessingException.class);
        if (json != null) {
            return invalidJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String reason = type.getReasonPhrase() == null ? "Request failed" : type.getReasonPhrase();
        return ErrorBody.response(status, reason.toUpperCase().replace(' ', '_'), reason);
    }

    @ServerExceptionMapper
    public Response any(Throwable e) {
        ApiException expected = expected(e);
        return expected != null ? ErrorBody.response(expected) : unexpected(e);
    }

    /**
     * The client-facing error a failure stands for, or null for a bug. Shared by every door into
     * the services (HTTP routes, MCP tools), so both answer the same error for the same cause.
     */
    public static ApiException expected(Throwable e) {
        ApiException api = find(e, ApiException.class);
        if (api != null) {
            return api;
        }
        var violation = Constraints.violation(e);
        if (violation.isPresent()) {
            return new ApiException(409, "CONFLICT", "The change conflicts with existing data ("
                    + violation.get().getKind().name().toLowerCase() + " constraint)");
        }
        if (find(e, LockAcquisitionException.class) != null) {
            return new ApiException(503, "BUSY", "The database is busy; retry shortly");
        }
        return null;
    }

    private static Response unexpected(Throwable e) {
        LOG.error("Unexpected error", e);
        return ErrorBody.response(500, "INTERNAL_ERROR", "Internal server error");
    }

    private static Response invalidJson(JsonProcessingException e) {
        String detail = e.getOriginalMessage() == null ? "malformed input" : clip(e.getOriginalMessage());
        return ErrorBody.response(400, "INVALID_JSON", "Request body is not valid JSON: " + detail);
    }

    private static String clip(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
