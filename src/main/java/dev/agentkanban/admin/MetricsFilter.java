package dev.agentkanban.admin;

import dev.agentkanban.auth.AuthFilter;
import dev.agentkanban.auth.Caller;
import dev.agentkanban.auth.Identity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Records every machine or agent request that passed authentication, errors included. */
public class MetricsFilter {

    @Inject
    Caller caller;

    @Inject
    MachineMetrics metrics;

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(AuthFilter.STARTED);
        if (!(started instanceof Long start)) {
            return;
        }
        String machineId = caller.find().map(Identity::machineId).orElse(null);
        if (machineId != null) {
            metrics.record(machineId, response.getStatus(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
