package dev.agentkanban.health;

import io.smallrye.common.annotation.NonBlocking;
import dev.agentkanban.auth.Public;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/ping")
public class PingResource {

    private static final String PONG = "{\"pong\":true}";

    @GET
    @Public
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public String ping() {
        return PONG;
    }
}
