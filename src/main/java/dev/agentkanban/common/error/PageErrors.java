package dev.agentkanban.common.error;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * How a refusal looks when a person's browser asked for a page rather than the API: the web
 * feature answers with a page (or a sign-in redirect), everything else keeps the error envelope.
 */
public interface PageErrors {

    /** The page answer, or empty when the request is not for a page. */
    Optional<Response> forPage(ApiException e, HttpServerRequest request);
}
