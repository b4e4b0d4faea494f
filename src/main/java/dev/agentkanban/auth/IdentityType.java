package dev.agentkanban.auth;

/** Who is calling; the wire names appear in permission errors and in task actions. */
public enum IdentityType {
    USER("user"),
    MACHINE("machine"),
    WORKER("agent:worker"),
    LEADER("agent:leader");

    private final String wire;

    IdentityType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isAgent() {
        return this == WORKER || this == LEADER;
    }
}
