package dev.agentkanban.board;

/**
 * Fired (synchronously, inside the creating write transaction) when an owner creates a board;
 * built-in agents are seeded in response.
 */
public record BoardCreated(String ownerId) {
}
