package dev.agentkanban.auth;

import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Writes each route's access rule into the OpenAPI document at start-up, resolved by
 * {@link RouteAccess} exactly as the request pipeline resolves it: the three credential kinds as
 * security schemes, on every operation the schemes it takes (agent kinds and capability as
 * roles) and the rule itself as {@code x-ak-access}. The document cannot drift from the rules.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class AccessDocumentation implements OASFilter {

    static final String USER = "user";
    static final String MACHINE = "machine";
    static final String AGENT = "agent";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSecurityScheme(USER, bearer("Login session token of a signed-in user (from sign-up, "
                        + "sign-in or get-session).", null))
                .addSecurityScheme(MACHINE, bearer("Machine API key `ak_…`, created by a user with "
                        + "POST /api/auth/api-key/create and bound to the machine that registers with it.", "ak_…"))
                .addSecurityScheme(AGENT, bearer("Agent session JWT: EdDSA, `typ: agent+jwt`, signed with the "
                        + "session key, `sub` = session id, `aud` = this server's URL, at most 60 s old, each "
                        + "`jti` once. Roles name the agent kinds (`agent:worker`, `agent:leader`) and the "
                        + "capability the route requires.", "JWT"));
        if (openAPI.getPaths() == null) {
            return;
        }
        RouteAccess routes = Arc.container().instance(RouteAccess.class).get();
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                Object route = operation.getExtensions() == null ? null : operation.getExtensions().get(RouteTags.TAG);
                if (route != null) {
                    operation.removeExtension(RouteTags.TAG);
                    describe(operation, rule(routes, route.toString()), path.getKey().startsWith("/api/auth/"));
                }
            }
        }
    }

    private static RouteRule rule(RouteAccess routes, String route) {
        int hash = route.indexOf('#');
        int open = route.indexOf('(');
        String name = route.substring(hash + 1, open);
        String parameters = route.substring(open + 1, route.length() - 1);
        try {
            Class<?> type = Class.forName(route.substring(0, hash), false, Thread.currentThread().getContextClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                String types = Stream.of(method.getParameterTypes()).map(Class::getName).collect(Collectors.joining(","));
                if (method.getName().equals(name) && types.equals(parameters)) {
                    return routes.of(method, type);
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Route class of " + route + " not found", e);
        }
        throw new IllegalStateException("Route method " + route + " not found");
    }

    private static void describe(Operation operation, RouteRule rule, boolean accountRoute) {
        AccessRule access = rule.access();
        if (access == null) {
            if (accountRoute) {
                // The account routes check the login session themselves (auth spec 3): some need it.
                operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement(),
                        OASFactory.createSecurityRequirement().addScheme(USER))));
                operation.addExtension("x-ak-access", "account route: its own session rules");
            } else {
                operation.setSecurity(new ArrayList<>());
                operation.addExtension("x-ak-access", rule.open() ? "public" : "refused to everyone");
            }
            return;
        }
        List<String> allowed = access.allowed().stream().map(IdentityType::wire).toList();
        Set<String> schemes = new LinkedHashSet<>();
        List<String> agentRoles = new ArrayList<>();
        for (IdentityType type : access.allowed()) {
            if (type.isAgent()) {
                schemes.add(AGENT);
                agentRoles.add(type.wire());
            } else {
                schemes.add(type == IdentityType.USER ? USER : MACHINE);
            }
        }
        String capability = access.capability();
        if (!capability.isEmpty() && !agentRoles.isEmpty()) {
            agentRoles.add(capability);
        }
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (String scheme : schemes) {
            SecurityRequirement requirement = OASFactory.createSecurityRequirement();
            requirements.add(AGENT.equals(scheme) ? requirement.addScheme(scheme, agentRoles)
                    : requirement.addScheme(scheme));
        }
        operation.setSecurity(requirements);
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("allowed", allowed);
        if (!capability.isEmpty()) {
            described.put("capability", capability);
        }
        operation.addExtension("x-ak-access", described);
    }

    private static SecurityScheme bearer(String description, String format) {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat(format).description(description);
    }
}
