package dev.agentkanban.auth;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.models.OperationImpl;
import io.smallrye.openapi.runtime.util.JandexUtil;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * Build stage of the OpenAPI access description: tags each operation with the resource method
 * that serves it ({@code x-ak-route}), which only the build-time index knows. {@link AccessDocumentation}
 * turns the tag into the operation's security at start-up, where the rules are resolved.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RouteTags implements OASFilter {

    static final String TAG = "x-ak-route";
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");

    private final Map<String, String> routes = new HashMap<>();

    public RouteTags(IndexView index) {
        for (AnnotationInstance path : index.getAnnotations(PATH)) {
            AnnotationTarget target = path.target();
            ClassInfo type = target.kind() == AnnotationTarget.Kind.CLASS ? target.asClass()
                    : target.kind() == AnnotationTarget.Kind.METHOD ? target.asMethod().declaringClass() : null;
            if (type != null) {
                for (MethodInfo method : type.methods()) {
                    routes.put(JandexUtil.createUniqueMethodReference(type, method), name(type, method));
                }
            }
        }
    }

    @Override
    public Operation filterOperation(Operation operation) {
        String ref = OperationImpl.getMethodRef(operation);
        String route = ref == null ? null : routes.get(ref);
        if (route != null) {
            operation.addExtension(TAG, route);
        }
        return operation;
    }

    /** {@code dev.agentkanban.task.TaskResource#claim(java.lang.String)}. */
    static String name(ClassInfo type, MethodInfo method) {
        return type.name() + "#" + method.name() + method.parameterTypes().stream()
                .map(t -> t.name().toString()).collect(Collectors.joining(",", "(", ")"));
    }
}
