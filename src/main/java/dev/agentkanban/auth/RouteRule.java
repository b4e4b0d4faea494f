package dev.agentkanban.auth;

import dev.agentkanban.common.error.ApiException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The access rule of one resource method, read from its {@link Access} or {@link Public}
 * annotation. Every door into the API (the HTTP routes, the MCP tools) checks a caller against the
 * rule of the route it serves, so there is one rule set.
 */
public final class RouteRule {

    private final Method method;
    private final boolean open;
    private final Access access;
    private final String required;

    private RouteRule(Method method, boolean open, Access access) {
        this.method = method;
        this.open = open;
        this.access = access;
        this.required = access == null ? null : Arrays.stream(access.value())
                .map(IdentityType::wire)
                .collect(Collectors.joining(" or ", "", " required"));
    }

    public static RouteRule of(Method method, Class<?> resource) {
        boolean open = method.isAnnotationPresent(Public.class) || resource.isAnnotationPresent(Public.class);
        return new RouteRule(method, open, open ? null : method.getAnnotation(Access.class));
    }

    /** The rule of {@code resource}'s method of that name and parameter types; fails fast when it is gone. */
    public static RouteRule of(Class<?> resource, String name, Class<?>... parameters) {
        try {
            return of(resource.getMethod(name, parameters), resource);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("No route method " + resource.getSimpleName() + "." + name, e);
        }
    }

    public boolean open() {
        return open;
    }

    /** Whether the route declared who may call it; one that did not is refused to everyone. */
    public boolean declared() {
        return open || access != null;
    }

    public boolean versionGated() {
        return access != null && !access.skipVersionGate();
    }

    public Method method() {
        return method;
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
        if (!allows(identity.type())) {
            throw ApiException.forbidden(required);
        }
        String capability = access.capability();
        if (identity.type().isAgent() && !capability.isEmpty() && !identity.capabilities().contains(capability)) {
            throw ApiException.forbidden("Missing capability: " + capability);
        }
    }

    public boolean allows(IdentityType type) {
        if (access == null) {
            return open;
        }
        for (IdentityType allowed : access.value()) {
            if (allowed == type) {
                return true;
            }
        }
        return false;
    }
}
