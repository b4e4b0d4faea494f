package dev.agentkanban.relay;

import dev.agentkanban.agent.SessionService;
import dev.agentkanban.auth.Authenticator;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.auth.IdentityType;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.machine.Machine;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may hold a relay socket (auth spec route 58): a daemon with its machine's API key, or a
 * user's browser watching one agent session of that user. Same token rules as the HTTP API.
 */
@ApplicationScoped
class RelayAccess {

    @Inject
    Authenticator authenticator;

    @Inject
    SessionService sessions;

    @Inject
    RelayConfig config;

    /** The peer this upgrade opens, or a {@link Refusal} saying why not. */
    @ActivateRequestContext
    Peer admit(WebSocketConnection connection) {
        Map<String, List<String>> query = new QueryStringDecoder(
                Optional.ofNullable(connection.handshakeRequest().query()).orElse(""), StandardCharsets.UTF_8, false)
                .parameters();
        String role = first(query, "role");
        if ("daemon".equals(role)) {
            return daemon(identity(first(query, "token")), connection);
        }
        if ("browser".equals(role)) {
            String sessionId = first(query, "sessionId");
            if (sessionId == null || sessionId.isEmpty()) {
                throw new Refusal(Close.BAD_REQUEST, "sessionId is required for role=browser");
            }
            String token = first(query, "token");
            // the web UI's socket carries no token: its login is the HttpOnly session cookie
            Identity viewer = token == null ? guard(() -> authenticator.browserSocket(
                    connection.handshakeRequest()::header)) : identity(token);
            return browser(viewer, sessionId, connection);
        }
        throw new Refusal(Close.BAD_REQUEST, role == null ? "role is required: daemon or browser"
                : "Unknown role \"" + role + "\": daemon or browser");
    }

    /** Whether an agent session of this owner runs on this machine. */
    @ActivateRequestContext
    boolean runsOn(String ownerId, String machineId, String sessionId) {
        return sessions.machineOf(ownerId, sessionId).filter(machineId::equals).isPresent();
    }

    private Peer daemon(Identity identity, WebSocketConnection connection) {
        if (!identity.is(IdentityType.MACHINE)) {
            throw new Refusal(Close.FORBIDDEN, "role=daemon needs a machine API key");
        }
        if (identity.machineId() == null) {
            throw new Refusal(Close.FORBIDDEN, "This API key is not bound to a machine: register the machine first");
        }
        if (Machine.owned(identity.ownerId(), identity.machineId()) == null) {
            throw new Refusal(Close.FORBIDDEN, "The machine of this API key is no longer registered");
        }
        return Peer.daemon(identity.ownerId(), identity.machineId(), connection, config.sendBuffer().asLongValue());
    }

    private Peer browser(Identity identity, String sessionId, WebSocketConnection connection) {
        if (!identity.is(IdentityType.USER)) {
            throw new Refusal(Close.FORBIDDEN, "role=browser needs a user login token");
        }
        String machineId = sessions.machineOf(identity.ownerId(), sessionId)
                .orElseThrow(() -> new Refusal(Close.NOT_FOUND, "Agent session not found"));
        return Peer.browser(identity.ownerId(), machineId, sessionId, connection, config.sendBuffer().asLongValue());
    }

    private Identity identity(String token) {
        return guard(() -> authenticator.authenticate(token));
    }

    /** An authentication refusal as the socket's close: 4401 for no or a bad credential, else 4403. */
    private static Identity guard(java.util.function.Supplier<Identity> authentication) {
        try {
            return authentication.get();
        } catch (ApiException e) {
            throw new Refusal(e.status() == 401 ? Close.UNAUTHORIZED : Close.FORBIDDEN, e.getMessage());
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
