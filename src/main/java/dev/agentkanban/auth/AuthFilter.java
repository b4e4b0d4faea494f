package dev.agentkanban.auth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The request pipeline of every matched route: authenticate, check the route's rule (its
 * {@link Access} annotation, or what a feature's {@link RouteRules} derive, see
 * {@link RouteAccess}), then the CLI version gate. Routes without a rule are refused.
 */
public class AuthFilter {

    private static final Logger LOG = Logger.getLogger(AuthFilter.class);

    /** Request property: when the request passed the pipeline (nanoTime), for latency metrics. */
    public static final String STARTED = "ak.started";

    @Inject
    Authenticator authenticator;

    @Inject
    CliVersionGate versionGate;

    @Inject
    Caller caller;

    @Inject
    RouteAccess routes;

    @ServerRequestFilter
    public void filter(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        RouteRule rule = routes.of(method, resource.getResourceClass());
        if (rule.open()) {
            return;
        }
        if (!rule.declared()) {
            LOG.errorf("Route %s.%s has no access rule; refusing it", method.getDeclaringClass().getSimpleName(),
                    method.getName());
        }
        Identity identity = rule.declared() ? authenticator.authenticate(Credentials.of(http)) : null;
        rule.check(identity);
        if (rule.versionGated()) {
            versionGate.check(request.getHeaderString("X-CLI-Version"));
        }
        caller.set(identity);
        request.setProperty(STARTED, System.nanoTime());
    }
}
