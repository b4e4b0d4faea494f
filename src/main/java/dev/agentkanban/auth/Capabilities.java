package dev.agentkanban.auth;

import java.util.Set;

/**
 * What an agent session may do, fixed by the agent's kind. Derived on every request instead of
 * stored grants, so a session never silently loses them after 24 hours as the original did.
 */
public final class Capabilities {

    public static final String CLAIM = "task:claim";
    public static final String REVIEW = "task:review";
    public static final String COMPLETE = "task:complete";
    public static final String REJECT = "task:reject";
    public static final String CANCEL = "task:cancel";
    public static final String LOG = "task:log";
    public static final String MESSAGE = "task:message";
    public static final String USAGE = "agent:usage";

    public static final Set<String> WORKER = Set.of(CLAIM, REVIEW, LOG, MESSAGE, USAGE);
    public static final Set<String> LEADER = Set.of(COMPLETE, REJECT, CANCEL, LOG, MESSAGE, USAGE);

    private Capabilities() {
    }
}
