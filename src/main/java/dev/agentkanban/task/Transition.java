package dev.agentkanban.task;

import static dev.agentkanban.auth.IdentityType.LEADER;
import static dev.agentkanban.auth.IdentityType.MACHINE;
import static dev.agentkanban.auth.IdentityType.USER;
import static dev.agentkanban.auth.IdentityType.WORKER;

import dev.agentkanban.auth.AccessRule;
import dev.agentkanban.auth.Capabilities;
import dev.agentkanban.auth.IdentityType;
import java.util.List;

/**
 * The task state machine (api spec 4.1), the one table of where each move may start, where it
 * leads and who may make it. The routes' access rules ({@link Moves}), the conditional UPDATEs of
 * {@link Lifecycle} and the stale sweep are all built from it.
 */
public enum Transition {
    CLAIM("claim", List.of("todo"), "in_progress", "claimed", Capabilities.CLAIM, WORKER),
    REVIEW("review", List.of("in_progress"), "in_review", "review_requested", Capabilities.REVIEW, WORKER),
    REJECT("reject", List.of("in_review"), "in_progress", "rejected", Capabilities.REJECT, USER, LEADER),
    COMPLETE("complete", List.of("in_review"), "done", "completed", Capabilities.COMPLETE, USER, MACHINE, LEADER),
    CANCEL("cancel", List.of("in_progress", "in_review"), "cancelled", "cancelled", Capabilities.CANCEL, USER,
            MACHINE, LEADER),
    /** The daemon hands back a task whose worker went away. */
    RELEASE("release", List.of("in_progress"), "todo", "released", "", MACHINE),
    /** No caller may: the server's stale sweep (api spec 5.14) moves a task nobody touched for a day. */
    TIME_OUT("time out", List.of("in_progress"), "todo", "timed_out", "");

    final String verb;
    final List<String> from;
    final String to;
    /** The task_actions.action this transition writes. */
    final String action;
    /** Who may call the move's route, in the order its 403 message names them, and what an agent must hold. */
    final AccessRule rule;
    /** {@code 'a', 'b'}: the from-states as an SQL list. */
    final String fromSql;

    Transition(String verb, List<String> from, String to, String action, String capability, IdentityType... allowed) {
        this.verb = verb;
        this.from = from;
        this.to = to;
        this.action = action;
        this.rule = AccessRule.of(List.of(allowed), capability);
        this.fromSql = "'" + String.join("', '", from) + "'";
    }

    boolean allows(IdentityType type) {
        return rule.allows(type);
    }

    boolean startsFrom(String status) {
        return from.contains(status);
    }

    /** The spec's exact 409 text, e.g. {@code Cannot claim from in_progress (allowed from: todo)}. */
    String refusal(String status) {
        return "Cannot " + verb + " from " + status + " (allowed from: " + String.join(", ", from) + ")";
    }
}
