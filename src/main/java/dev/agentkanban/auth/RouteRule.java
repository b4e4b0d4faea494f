package dev.agentkanban.auth;

import dev.agentkanban.common.error.ApiException;
import java.lang.reflect.Method;

/**
 * The resolved access rule of one resource method: open to anyone ({@link Public}), an
 * {@link AccessRule}, or none (refused to everyone). Every door into the API (the HTTP routes,
 * the MCP tools) checks a caller against the rule of the route it serves, so there is one rule
 * set; {@link RouteAccess} resolves them.
 */
public final class RouteRule {

    private final Method method;
    private final boolean open;
    private final AccessRule access;

    RouteRule(Method method, boolean open, AccessRule access) {
        this.method = method;
        this.open = open;
        this.access = access;
    }

    public Method method() {
        return method;
    }

    public boolean open() {
        return open;
    }

    /** The rule, or null for an open route or one that declared none. */
    public AccessRule access() {
        return access;
    }

    /** Whether the route declared who may call it; one that did not is refused to everyone. */
    public boolean declared() {
        return open || access != null;
    }

    public boolean versionGated() {
        return access != null && !access.skipVersionGate();
    }

    /** Refuses the caller as the route does: a closed session 401, a wrong identity type or capability 403. */
    public void check(Identity identity) {
        if (open) {
            return;
        }
        if (access == null) {
            throw ApiException.forbidden("This route is not open to any identity");
        }
        if (identity.sessionClosed() && !access.closedSession()) {
            throw AgentTokenError.SESSION_CLOSED.exception();
        }
        if (!access.allows(identity.type())) {
            throw ApiException.forbidden(access.required());
        }
        String capability = access.capability();
        if (identity.type().isAgent() && !capability.isEmpty() && !identity.capabilities().contains(capability)) {
            throw ApiException.forbidden("Missing capability: " + capability);
        }
    }
}
