package dev.agentkanban.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** {@code ak_relay_sockets_open{role}}: open relay sockets of daemons and browsers, counted when scraped. */
@ApplicationScoped
class RelayMetrics implements MeterBinder {

    private final Relay relay;

    RelayMetrics(Relay relay) {
        this.relay = relay;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Peer.Role role : Peer.Role.values()) {
            Gauge.builder("ak.relay.sockets.open", relay, r -> r.open(role))
                    .description("Open relay WebSocket connections")
                    .tag("role", role.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }
}
