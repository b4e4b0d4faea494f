package dev.agentkanban.auth;

import dev.agentkanban.auth.apikey.ApiKeyService;
import dev.agentkanban.auth.jwt.AgentTokenVerifier;
import dev.agentkanban.auth.user.LoginSessions;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Resolves the bearer credential of a request to exactly one identity (auth spec 2.1, 2.2). */
@ApplicationScoped
public class Authenticator {

    private static final String BEARER = "Bearer ";

    @Inject
    ApiKeyService apiKeys;

    @Inject
    AgentTokenVerifier agentTokens;

    @Inject
    LoginSessions loginSessions;

    public Identity authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        boolean fromHeader = header != null && header.startsWith(BEARER);
        String token = fromHeader ? header.substring(BEARER.length()) : request.getUriInfo().getQueryParameters()
                .getFirst("token");
        if (fromHeader && !token.startsWith("ak_") && AgentTokenVerifier.looksLikeAgentToken(token)) {
            return agentTokens.verify(token, request);
        }
        return authenticate(token);
    }

    /**
     * A token that came without a header (the {@code token} query of streams and the relay
     * socket): an API key or a login token. An agent JWT is only accepted in the header.
     */
    public Identity authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw ApiException.unauthorized("Missing token");
        }
        if (token.startsWith("ak_")) {
            return apiKeys.authenticate(token);
        }
        if (AgentTokenVerifier.looksLikeAgentToken(token)) {
            throw invalidToken();
        }
        return loginSessions.authenticate(token).orElseThrow(Authenticator::invalidToken);
    }

    private static ApiException invalidToken() {
        return ApiException.unauthorized("Invalid or expired token");
    }
}
