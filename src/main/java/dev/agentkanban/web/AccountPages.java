package dev.agentkanban.web;

import static dev.agentkanban.auth.IdentityType.USER;

import dev.agentkanban.auth.Access;
import dev.agentkanban.auth.Public;
import dev.agentkanban.auth.apikey.ApiKeyResource;
import dev.agentkanban.repo.RepoResource;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sign-in and sign-up, onboarding (a machine key and the commands), settings, repositories. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    @Inject
    ApiKeyResource apiKeys;

    @Inject
    RepoResource repositories;

    @ConfigProperty(name = "ak.public-url")
    Optional<List<String>> publicUrls;

    @Location("auth.html")
    Template auth;

    @Location("onboarding.html")
    Template onboarding;

    @Location("settings.html")
    Template settings;

    @Location("repositories.html")
    Template repos;

    @GET
    @Path("auth")
    @Public
    public TemplateInstance auth(@QueryParam("mode") String mode, @QueryParam("next") String next) {
        // only a path of this site, so a link can never send someone elsewhere after signing in
        String target = next != null && next.startsWith("/") && !next.startsWith("//") ? next : "/";
        return auth.data("signUp", "signup".equals(mode)).data("next", target);
    }

    @GET
    @Path("onboarding")
    @Access(USER)
    public TemplateInstance onboarding(@Context HttpServerRequest request) {
        return onboarding.data("apiUrl", apiUrl(request));
    }

    @GET
    @Path("settings")
    @Access(USER)
    public TemplateInstance settings(@Context HttpServerRequest request) {
        return settings.data("keys", Plain.map(apiKeys.list(null, null, request)).get("apiKeys"))
                .data("apiUrl", apiUrl(request));
    }

    @GET
    @Path("repositories")
    @Access(USER)
    public TemplateInstance repositories() {
        return repos.data("repositories", Plain.list(repositories.list(null)));
    }

    /** The URL agents are configured with: the configured public URL, else the one this page was reached at. */
    private String apiUrl(HttpServerRequest request) {
        if (publicUrls.isPresent() && !publicUrls.get().isEmpty()) {
            String url = publicUrls.get().get(0).trim();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        String host = request.getHeader("X-Forwarded-Host");
        return (proto != null ? proto.split(",")[0].trim() : request.scheme()) + "://"
                + (host != null ? host.split(",")[0].trim() : request.getHeader("Host"));
    }
}
