package dev.agentkanban.common.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id, logged as {@code requestId} on each line written while serving it and
 * answered in {@code X-Request-Id}. A well-formed id sent by the client or a proxy in front is
 * kept, so one id follows a request across hops; anything else is replaced by a fresh one.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void register(@Observes Filters filters) {
        filters.register(this::handle, 1000);
    }

    private void handle(RoutingContext ctx) {
        String id = ctx.request().getHeader(HEADER);
        if (id == null || !ACCEPTED.matcher(id).matches()) {
            id = fresh();
        }
        // The MDC lives in the request's own (duplicated) context, so it ends with the request.
        if (VertxContext.isOnDuplicatedContext()) {
            MDC.put(MDC_KEY, id);
        }
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    private static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
