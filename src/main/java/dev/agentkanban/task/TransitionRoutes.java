package dev.agentkanban.task;

import dev.agentkanban.auth.AccessRule;
import dev.agentkanban.auth.RouteRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Method;

/** The access rules of the {@link Moves} routes, read from the {@link Transition} table. */
@ApplicationScoped
class TransitionRoutes implements RouteRules {

    @Override
    public AccessRule ruleOf(Method method) {
        Moves moves = method.getAnnotation(Moves.class);
        return moves == null ? null : moves.value().rule;
    }
}
