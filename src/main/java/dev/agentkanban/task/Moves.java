package dev.agentkanban.task;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route that makes one move of the task cycle: its access rule is the transition's
 * (see {@link TransitionRoutes}), so the route and the state machine cannot disagree.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Moves {

    Transition value();
}
