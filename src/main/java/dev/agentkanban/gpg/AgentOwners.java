package dev.agentkanban.gpg;

/** Whose root key signs an agent's commits; the agent feature answers. */
public interface AgentOwners {

    /** The owner of the agent with exactly this (case-sensitive) username, across all owners; null if none. */
    String ownerOf(String username);
}
