package dev.agentkanban.agent;

/**
 * Fired (synchronously, inside the deleting write transaction) just before an agent is deleted,
 * so the features that point at it let go first: the task feature un-assigns its open tasks.
 */
public record AgentDeleting(String ownerId, String agentId) {
}
