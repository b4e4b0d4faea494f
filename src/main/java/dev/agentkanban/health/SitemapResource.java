package dev.agentkanban.health;

import dev.agentkanban.auth.Public;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

@Path("/api/sitemap.xml")
public class SitemapResource {

    private static final String BODY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://agent-kanban.dev/</loc><changefreq>weekly</changefreq><priority>1.0</priority></url>
            </urlset>""";

    @GET
    @Public
    @NonBlocking
    public Response sitemap() {
        return Response.ok(BODY)
                .header("Content-Type", "application/xml")
                .header("Cache-Control", "public, max-age=3600")
                .build();
    }
}
