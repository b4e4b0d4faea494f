package dev.agentkanban.common;

import dev.agentkanban.auth.Public;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Test-only routes that exercise the error handling paths no production route reaches on purpose. */
@Public
@Path("/test/errors")
public class FailingResource {

    public record Payload(String name, Integer count) {
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> echo(Payload payload) {
        return Map.of("name", payload.name(), "count", payload.count());
    }

    @POST
    @Path("/crash")
    public String crash() {
        throw new IllegalStateException("secret internal detail");
    }
}
