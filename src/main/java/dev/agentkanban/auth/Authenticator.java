package dev.agentkanban.auth;

import dev.agentkanban.auth.apikey.ApiKeyService;
import dev.agentkanban.auth.jwt.AgentTokenVerifier;
import dev.agentkanban.auth.user.LoginSessions;
import dev.agentkanban.auth.user.SessionCookie;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.UnaryOperator;

/**
 * Resolves the bearer credential of a request to exactly one identity (auth spec 2.1, 2.2); a
 * request without one may use the browser's session cookie ({@link SessionCookie}).
 */
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
        if (fromHeader && !token.startsWith("ak_") && AgentTokenVerifier.looksLikeAgentToken(token)) {
            return agentTokens.verify(token, request);
        }
        return token == null || token.isEmpty() ? fromCookie(request) : authenticate(token);
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

    /**
     * The browser's relay socket, which carries no token: its session cookie, accepted only from
     * our own pages (a socket upgrade is a GET, so the Origin is what keeps other sites out).
     */
    public Identity browserSocket(UnaryOperator<String> headers) {
        String login = SessionCookie.fromHeader(headers.apply("Cookie"));
        if (login == null) {
            throw ApiException.unauthorized("Missing token");
        }
        SessionCookie.requireOwnOrigin(headers);
        return loginSessions.authenticate(login).orElseThrow(Authenticator::invalidToken);
    }

    /** The browser's session cookie; only when no bearer credential was sent at all. */
    private Identity fromCookie(Credentials request) {
        String login = SessionCookie.fromHeader(request.header("Cookie"));
        if (login == null) {
            throw ApiException.unauthorized("Missing token");
        }
        Identity identity = loginSessions.authenticate(login).orElseThrow(Authenticator::invalidToken);
        SessionCookie.requireOwnPage(request.method(), request::header, login);
        return identity;
    }

    private static ApiException invalidToken() {
        return ApiException.unauthorized("Invalid or expired token");
    }
}
