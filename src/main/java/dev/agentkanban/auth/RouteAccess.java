package dev.agentkanban.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the rule of a resource method once: {@link Public}, its {@link Access} annotation, or
 * what a feature's {@link RouteRules} derive. The request pipeline, the MCP tools and the OpenAPI
 * document all ask here.
 */
@ApplicationScoped
public class RouteAccess {

    private final Map<Method, RouteRule> rules = new ConcurrentHashMap<>();
    private final Instance<RouteRules> featureRules;

    RouteAccess(Instance<RouteRules> featureRules) {
        this.featureRules = featureRules;
    }

    public RouteRule of(Method method, Class<?> resource) {
        return rules.computeIfAbsent(method, m -> resolve(m, resource));
    }

    /** The rule of {@code resource}'s public method of that name and parameter types; fails fast when it is gone. */
    public RouteRule of(Class<?> resource, String name, Class<?>... parameters) {
        try {
            return of(resource.getMethod(name, parameters), resource);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("No route method " + resource.getSimpleName() + "." + name, e);
        }
    }

    private RouteRule resolve(Method method, Class<?> resource) {
        if (method.isAnnotationPresent(Public.class) || resource.isAnnotationPresent(Public.class)) {
            return new RouteRule(method, true, null);
        }
        Access access = method.getAnnotation(Access.class);
        if (access != null) {
            return new RouteRule(method, false, AccessRule.of(access));
        }
        for (RouteRules rules : featureRules) {
            AccessRule derived = rules.ruleOf(method);
            if (derived != null) {
                return new RouteRule(method, false, derived);
            }
        }
        return new RouteRule(method, false, null);
    }
}
