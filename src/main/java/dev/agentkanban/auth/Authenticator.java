package dev.agentkanban.auth;

import dev.agentkanban.auth.apikey.ApiKeyService;
import dev.agentkanban.auth.jwt.AgentTokenVerifier;
import dev.agentkanban.auth.user.LoginSessions;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    public Identity authenticate(Credentials request) {
        String header = request.header("Authorization");
        boolean fromHeader = header != null && header.startsWith(BEARER);
        String token = fromHeader ? header.substring(BEARER.length()) : request.queryToken();
        if (token == null || token.isEmpty()) {
            throw ApiException.unauthorized("Missing token");
        }
        if (token.startsWith("ak_")) {
            return apiKeys.authenticate(token);
        }
        if (AgentTokenVerifier.looksLikeAgentToken(token)) {
            if (!fromHeader) {
                throw invalidToken();
            }
            return agentTokens.verify(token, request);
        }
        return loginSessions.authenticate(token).orElseThrow(Authenticator::invalidToken);
    }

    private static ApiException invalidToken() {
        return ApiException.unauthorized("Invalid or expired token");
    }
}
