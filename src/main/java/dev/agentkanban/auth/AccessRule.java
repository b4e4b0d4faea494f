package dev.agentkanban.auth;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Who may call a route, as {@link Access} states it or a feature's rule table derives it.
 *
 * @param allowed the identity types, in the order the 403 message names them
 * @param capability what an agent caller must hold; empty for nothing
 */
public record AccessRule(List<IdentityType> allowed, String capability, boolean closedSession,
        boolean skipVersionGate) {

    public static AccessRule of(List<IdentityType> allowed, String capability) {
        return new AccessRule(allowed, capability, false, false);
    }

    static AccessRule of(Access access) {
        return new AccessRule(List.of(access.value()), access.capability(), access.closedSession(),
                access.skipVersionGate());
    }

    public boolean allows(IdentityType type) {
        return allowed.contains(type);
    }

    /** The 403 message for anyone else, e.g. {@code user or agent:leader required}. */
    String required() {
        return allowed.stream().map(IdentityType::wire).collect(Collectors.joining(" or ", "", " required"));
    }
}
