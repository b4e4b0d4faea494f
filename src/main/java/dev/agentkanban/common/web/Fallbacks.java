package dev.agentkanban.common.web;

import dev.agentkanban.common.error.ErrorBody;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers what no resource claims (unknown paths, failures outside the REST layer such as an
 * oversized body) with the error envelope instead of the framework's plain-text pages.
 */
@Singleton
public class Fallbacks {

    /**
     * System property that makes the framework pass requests with an invalid URI to the router
     * instead of answering an empty 400; read once when the HTTP layer is loaded, so {@code Main}
     * (and the test JVM) set it before start.
     */
    public static final String URI_CHECK_OFF = "vertx.disableURIValidation";

    private final long maxBody;

    Fallbacks(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBody = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::rejectMalformed);
        router.route().order(Integer.MAX_VALUE).handler(ctx ->
                send(ctx, 404, "NOT_FOUND", "No route for " + ctx.request().method() + " " + ctx.request().path()));
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    /**
     * The framework would answer an oversized body with an empty 413, and a query string that is
     * not valid percent-encoding with an empty 400 from wherever it is first decoded; say why instead.
     */
    private void rejectMalformed(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && parses(length) > maxBody) {
            ctx.response().putHeader("Connection", "close");
            send(ctx, 413, "PAYLOAD_TOO_LARGE", tooLarge());
        } else {
            String invalid = uriProblem(ctx.request().uri());
            if (invalid != null) {
                send(ctx, 400, "INVALID_URI", "Request URI is not valid: " + invalid);
            } else {
                ctx.next();
            }
        }
    }

    /**
     * The check the framework makes before routing (switched off in {@link #URI_CHECK_OFF}, as its
     * refusal is an empty 400), made here so that every route sees a valid URI.
     */
    private static String uriProblem(String target) {
        if (target == null) {
            return "missing";
        }
        try {
            new URI(target);
            return null;
        } catch (URISyntaxException e) {
            int query = target.indexOf('?');
            String where = query >= 0 && e.getIndex() > query ? " in the query string" : " in the path";
            return e.getReason() + where + " at index " + e.getIndex();
        }
    }

    private String tooLarge() {
        return "Request body is larger than the limit of " + maxBody + " bytes";
    }

    private static long parses(String number) {
        try {
            return Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status == 413) {
            send(ctx, 413, "PAYLOAD_TOO_LARGE", tooLarge());
        } else if (status >= 400 && status < 500) {
            send(ctx, status, "BAD_REQUEST", "The request could not be processed");
        } else {
            ctx.next();
        }
    }

    private static void send(RoutingContext ctx, int status, String code, String message) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Json.encode(ErrorBody.of(code, message, Map.of())));
    }
}
