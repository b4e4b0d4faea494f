package dev.agentkanban.task;

import dev.agentkanban.auth.IdentityType;
import java.util.List;

/** The task state machine (api spec 4.1): where each action may start, where it leads, who may do it. */
public enum Transition {
    CLAIM("claim", List.of("todo"), "in_progress", "claimed", IdentityType.WORKER),
    REVIEW("review", List.of("in_progress"), "in_review", "review_requested", IdentityType.WORKER),
    REJECT("reject", List.of("in_review"), "in_progress", "rejected", IdentityType.USER, IdentityType.LEADER),
    COMPLETE("complete", List.of("in_review"), "done", "completed", IdentityType.USER, IdentityType.MACHINE,
            IdentityType.LEADER),
    CANCEL("cancel", List.of("in_progress", "in_review"), "cancelled", "cancelled", IdentityType.USER,
            IdentityType.MACHINE, IdentityType.LEADER),
    RELEASE("release", List.of("in_progress"), "todo", "released", IdentityType.MACHINE, IdentityType.LEADER);

    final String verb;
    final List<String> from;
    final String to;
    /** The task_actions.action this transition writes. */
    final String action;
    private final List<IdentityType> allowed;
    /** {@code 'a', 'b'}: the from-states as an SQL list. */
    final String fromSql;

    Transition(String verb, List<String> from, String to, String action, IdentityType... allowed) {
        this.verb = verb;
        this.from = from;
        this.to = to;
        this.action = action;
        this.allowed = List.of(allowed);
        this.fromSql = "'" + String.join("', '", from) + "'";
    }

    boolean allows(IdentityType type) {
        return allowed.contains(type);
    }

    boolean startsFrom(String status) {
        return from.contains(status);
    }

    /** The spec's exact 409 text, e.g. {@code Cannot claim from in_progress (allowed from: todo)}. */
    String refusal(String status) {
        return "Cannot " + verb + " from " + status + " (allowed from: " + String.join(", ", from) + ")";
    }
}
