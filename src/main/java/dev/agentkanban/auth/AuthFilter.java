package dev.agentkanban.auth;

import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The request pipeline of every matched route: authenticate, check the route's rule (its
 * {@link Access} annotation, or what a feature's {@link RouteRules} derive), then the CLI version
 * gate. Routes without a rule are refused.
 */
public class AuthFilter {

    private static final Logger LOG = Logger.getLogger(AuthFilter.class);
    private static final Map<Method, Rule> RULES = new ConcurrentHashMap<>();

    /** Request property: when the request passed the pipeline (nanoTime), for latency metrics. */
    public static final String STARTED = "ak.started";

    @Inject
    Authenticator authenticator;

    @Inject
    CliVersionGate versionGate;

    @Inject
    Caller caller;

    @Inject
    Instance<RouteRules> featureRules;

    @ServerRequestFilter
    public void filter(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Rule rule = RULES.computeIfAbsent(method, m -> rule(m, resource.getResourceClass()));
        if (rule.open) {
            return;
        }
        if (rule.access == null) {
            LOG.errorf("Route %s.%s has no access rule; refusing it", method.getDeclaringClass().getSimpleName(),
                    method.getName());
            throw ApiException.forbidden("This route is not open to any identity");
        }
        Identity identity = authenticator.authenticate(request);
        if (identity.sessionClosed() && !rule.access.closedSession()) {
            throw AgentTokenError.SESSION_CLOSED.exception();
        }
        if (!rule.access.allows(identity.type())) {
            throw ApiException.forbidden(rule.access.required());
        }
        String capability = rule.access.capability();
        if (identity.type().isAgent() && !capability.isEmpty() && !identity.capabilities().contains(capability)) {
            throw ApiException.forbidden("Missing capability: " + capability);
        }
        if (!rule.access.skipVersionGate()) {
            versionGate.check(request.getHeaderString("X-CLI-Version"));
        }
        caller.set(identity);
        request.setProperty(STARTED, System.nanoTime());
    }

    private Rule rule(Method method, Class<?> type) {
        if (method.isAnnotationPresent(Public.class) || type.isAnnotationPresent(Public.class)) {
            return new Rule(true, null);
        }
        Access access = method.getAnnotation(Access.class);
        if (access != null) {
            return new Rule(false, AccessRule.of(access));
        }
        for (RouteRules rules : featureRules) {
            AccessRule derived = rules.ruleOf(method);
            if (derived != null) {
                return new Rule(false, derived);
            }
        }
        return new Rule(false, null);
    }

    private record Rule(boolean open, AccessRule access) {
    }
}
