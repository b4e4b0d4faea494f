package dev.agentkanban.auth.limit;

import dev.agentkanban.common.error.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 429 with {@code Retry-After} (the header the {@code ak} client reads) and {@code X-Retry-After}
 * (the one the auth library's web client reads), in the envelope of the route family.
 */
public class RateLimitedMapper {

    @ServerExceptionMapper
    public Response rateLimited(RateLimited e) {
        Object body;
        if (e.flat()) {
            Map<String, Object> flat = new LinkedHashMap<>();
            flat.put("message", e.getMessage());
            flat.put("code", RateLimited.CODE);
            body = flat;
        } else {
            body = ErrorBody.of(RateLimited.CODE, e.getMessage(), Map.of());
        }
        String seconds = Long.toString(e.retryAfterSeconds());
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Retry-After", seconds)
                .header("X-Retry-After", seconds)
                .build();
    }
}
