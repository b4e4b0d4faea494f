package dev.agentkanban.auth;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.models.OperationImpl;
import io.smallrye.openapi.runtime.util.JandexUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * Writes each route's {@link Access} rule into the OpenAPI document at build time: the three
 * credential kinds as security schemes, and on every operation the schemes it takes, the agent
 * kinds and capability as roles, and the rule itself as {@code x-ak-access}. Read from the same
 * annotations the request pipeline enforces, so the document cannot drift from the rules.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class AccessDocumentation implements OASFilter {

    static final String USER = "user";
    static final String MACHINE = "machine";
    static final String AGENT = "agent";

    private static final DotName ACCESS = DotName.createSimple("dev.agentkanban.auth.Access");
    private static final DotName PUBLIC = DotName.createSimple("dev.agentkanban.auth.Public");

    private final Map<String, AnnotationInstance> rules = new HashMap<>();
    private final Set<String> open = new java.util.HashSet<>();

    public AccessDocumentation(IndexView index) {
        for (AnnotationInstance access : index.getAnnotations(ACCESS)) {
            MethodInfo method = access.target().asMethod();
            rules.put(JandexUtil.createUniqueMethodReference(method.declaringClass(), method), access);
        }
        for (AnnotationInstance marker : index.getAnnotations(PUBLIC)) {
            AnnotationTarget target = marker.target();
            if (target.kind() == AnnotationTarget.Kind.METHOD) {
                open.add(JandexUtil.createUniqueMethodReference(target.asMethod().declaringClass(), target.asMethod()));
            } else if (target.kind() == AnnotationTarget.Kind.CLASS) {
                ClassInfo type = target.asClass();
                type.methods().forEach(m -> open.add(JandexUtil.createUniqueMethodReference(type, m)));
            }
        }
    }

    public AccessDocumentation() {
        // Only the build stage runs this filter, always through the index constructor.
    }

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
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean authRoute = path.getKey().startsWith("/api/auth/");
            for (Operation operation : path.getValue().getOperations().values()) {
                describe(operation, authRoute);
            }
        }
    }

    private void describe(Operation operation, boolean authRoute) {
        String ref = OperationImpl.getMethodRef(operation);
        AnnotationInstance access = ref == null ? null : rules.get(ref);
        if (access == null) {
            if (authRoute) {
                // The account routes check the login session themselves (auth spec 3): some need it.
                operation.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement(),
                        OASFactory.createSecurityRequirement().addScheme(USER))));
                operation.addExtension("x-ak-access", "account route: its own session rules");
            } else if (ref != null && open.contains(ref)) {
                operation.setSecurity(new ArrayList<>());
                operation.addExtension("x-ak-access", "public");
            }
            return;
        }
        List<String> allowed = new ArrayList<>();
        for (String type : access.value().asEnumArray()) {
            allowed.add(IdentityType.valueOf(type).wire());
        }
        AnnotationValue capabilityValue = access.value("capability");
        String capability = capabilityValue == null ? "" : capabilityValue.asString();
        Set<String> schemes = new LinkedHashSet<>();
        List<String> agentRoles = new ArrayList<>();
        for (String type : allowed) {
            if (type.startsWith("agent:")) {
                schemes.add(AGENT);
                agentRoles.add(type);
            } else {
                schemes.add(type);
            }
        }
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
        Map<String, Object> rule = new java.util.LinkedHashMap<>();
        rule.put("allowed", allowed);
        if (!capability.isEmpty()) {
            rule.put("capability", capability);
        }
        operation.addExtension("x-ak-access", rule);
    }

    private static SecurityScheme bearer(String description, String format) {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat(format).description(description);
    }
}
