package dev.agentkanban.auth;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The flat {@code {"message","code"}} answer of the {@code /api/auth/*} flows (see {@link AuthFlowException}). */
public class AuthFlowMapper {

    @ServerExceptionMapper
    public Response authFlow(AuthFlowException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", e.getMessage());
        body.put("code", e.code());
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
