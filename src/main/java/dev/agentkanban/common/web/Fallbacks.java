package dev.agentkanban.common.web;

import dev.agentkanban.common.error.ErrorBody;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers what no resource claims (unknown paths, failures outside the REST layer such as an
 * oversized body) with the error envelope instead of the framework's plain-text pages.
 */
@Singleton
public class Fallbacks {

    private final long maxBody;

    Fallbacks(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBody = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::rejectOversized);
        router.route().order(Integer.MAX_VALUE).handler(ctx ->
                send(ctx, 404, "NOT_FOUND", "No route for " + ctx.request().method() + " " + ctx.request().path()));
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    /** The framework would answer an oversized body with an empty 413; say why instead. */
    private void rejectOversized(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && parses(length) > maxBody) {
            ctx.response().putHeader("Connection", "close");
            send(ctx, 413, "PAYLOAD_TOO_LARGE", tooLarge());
        } else {
            ctx.next();
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
