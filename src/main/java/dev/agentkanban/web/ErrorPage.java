package dev.agentkanban.web;

import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.error.PageErrors;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a person sees when a page cannot be shown: signed out → the sign-in page (coming back
 * here afterwards); any other refusal → a page with the API's own message and status.
 */
@ApplicationScoped
public class ErrorPage implements PageErrors {

    @Inject
    @Location("error.html")
    Template page;

    @Override
    public Optional<Response> forPage(ApiException e, HttpServerRequest request) {
        if (!isPage(request)) {
            return Optional.empty();
        }
        if (e.status() == 401) {
            String back = request.uri();
            return Optional.of(Response.seeOther(java.net.URI.create(
                    "/auth?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8))).build());
        }
        String html = page.data("status", e.status()).data("message", e.getMessage()).render();
        return Optional.of(Response.status(e.status()).type("text/html; charset=utf-8").entity(html).build());
    }

    /** A browser asking for a page: GET outside the API, accepting HTML. */
    static boolean isPage(HttpServerRequest request) {
        String accept = request.getHeader("Accept");
        return request.method() == HttpMethod.GET && !request.path().startsWith("/api/")
                && accept != null && accept.contains("text/html");
    }
}
