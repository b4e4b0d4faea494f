package dev.agentkanban.admin;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read {@code /q/metrics}: with {@code AK_METRICS_PUBLIC} unset, only a client connected
 * from a loopback address whose request names no forwarding header (a reverse proxy on the same
 * host would otherwise make every outside client look local). Everyone else gets 403.
 */
@ApplicationScoped
public class MetricsAccess {

    static final String PATH = "/q/metrics";
    private static final String[] FORWARDING = {"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"};
    private static final String REFUSAL = "{\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"Metrics are served to "
            + "loopback clients only; set AK_METRICS_PUBLIC=true to serve them to every client\"}}";

    private final boolean open;

    MetricsAccess(@ConfigProperty(name = "ak.metrics.public") boolean open) {
        this.open = open;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 100);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if ((path.equals(PATH) || path.startsWith(PATH + "/")) && !allows(ctx.request())) {
            ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json").end(REFUSAL);
            return;
        }
        ctx.next();
    }

    boolean allows(HttpServerRequest request) {
        if (open) {
            return true;
        }
        for (String header : FORWARDING) {
            if (request.headers().contains(header)) {
                return false;
            }
        }
        return loopback(request.remoteAddress());
    }

    static boolean loopback(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return false;
        }
        String ip = address.hostAddress();
        return ip.startsWith("127.") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1");
    }
}
