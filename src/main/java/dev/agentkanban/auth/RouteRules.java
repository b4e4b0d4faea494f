package dev.agentkanban.auth;

import java.lang.reflect.Method;

/**
 * A feature whose routes take their access rule from the feature's own rule table rather than
 * from an {@link Access} annotation (the task cycle's routes from its transitions).
 */
public interface RouteRules {

    /** The rule of this resource method, or null when the method is not one of this feature's. */
    AccessRule ruleOf(Method method);
}
