package dev.agentkanban.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access rule of one route: which identity types may call it (in the order the 403 message
 * lists them) and, for agents, which capability they need. Every resource method carries either
 * this or {@link Public}; a method with neither is refused (deny by default).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Access {

    IdentityType[] value();

    /** Capability an agent caller must hold; empty for none. */
    String capability() default "";

    /**
     * True for the routes a closed agent session may still call: the daemon closes a worker's
     * session when its process ends, while the final cost report and the last chat messages,
     * sent with that worker's token, may still be in flight. Every other route refuses it.
     */
    boolean closedSession() default false;

    /** True to skip the CLI version gate (heartbeats, so outdated daemons still report). */
    boolean skipVersionGate() default false;
}
