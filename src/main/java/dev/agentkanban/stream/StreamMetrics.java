package dev.agentkanban.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code ak_streams_open}: live SSE streams (task, board and share), read from the bus when scraped. */
@ApplicationScoped
public class StreamMetrics implements MeterBinder {

    private final StreamBus bus;

    StreamMetrics(StreamBus bus) {
        this.bus = bus;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ak.streams.open", bus, StreamBus::subscribers)
                .description("Open live streams (SSE), all kinds")
                .register(registry);
    }
}
