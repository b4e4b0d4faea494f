package dev.agentkanban.auth;

import dev.agentkanban.common.error.ApiException;

/** Agent JWT failures, worded as the original's auth library words them (auth spec 2.5.3). */
public enum AgentTokenError {
    INVALID_JWT("invalid_jwt", "JWT is invalid, expired, or signature failed"),
    AGENT_NOT_FOUND("agent_not_found", "Agent not found"),
    INVALID_PUBLIC_KEY("invalid_public_key", "Public key is invalid or malformed"),
    JTI_REPLAY("jti_replay", "JWT has already been used"),
    SESSION_CLOSED("agent_expired", "Agent session has expired");

    private final String name;
    private final String text;

    AgentTokenError(String name, String text) {
        this.name = name;
        this.text = text;
    }

    public ApiException exception() {
        return ApiException.unauthorized(
                "Invalid agent session: 401 {\"error\":\"" + name + "\",\"message\":\"" + text + "\"}");
    }
}
