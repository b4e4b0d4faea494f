package dev.agentkanban.auth;

import java.util.Set;

/**
 * The authenticated caller of one request.
 *
 * @param ownerId the tenant every query of this request is scoped to
 * @param userId set for users
 * @param admin true for a user whose role is exactly {@code admin}
 * @param machineId the bound machine of a machine key, or the session's machine for agents
 * @param apiKeyId set for machines
 * @param agentId the persistent agent id for agents
 * @param sessionId the agent session id (JWT {@code sub}) for agents
 * @param sessionClosed true when the agent's session was closed (see {@link Access#closedSession})
 */
public record Identity(
        IdentityType type,
        String ownerId,
        String userId,
        boolean admin,
        String machineId,
        String apiKeyId,
        String agentId,
        String sessionId,
        boolean sessionClosed,
        Set<String> capabilities) {

    public static Identity user(String userId, boolean admin) {
        return new Identity(IdentityType.USER, userId, userId, admin, null, null, null, null, false, Set.of());
    }

    public static Identity machine(String ownerId, String apiKeyId, String machineId) {
        return new Identity(IdentityType.MACHINE, ownerId, null, false, machineId, apiKeyId, null, null, false, Set.of());
    }

    public static Identity agent(boolean leader, String ownerId, String machineId, String agentId, String sessionId,
            boolean sessionClosed) {
        return new Identity(leader ? IdentityType.LEADER : IdentityType.WORKER, ownerId, null, false, machineId, null,
                agentId, sessionId, sessionClosed, leader ? Capabilities.LEADER : Capabilities.WORKER);
    }

    /** The id recorded as the actor of task actions (auth spec 2.6). */
    public String actorId() {
        return switch (type) {
            case USER -> userId;
            case MACHINE -> machineId != null ? machineId : apiKeyId != null ? apiKeyId : "unknown";
            case WORKER, LEADER -> agentId;
        };
    }

    public boolean is(IdentityType t) {
        return type == t;
    }
}
