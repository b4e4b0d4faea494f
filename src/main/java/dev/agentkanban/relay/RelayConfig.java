package dev.agentkanban.relay;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The relay's own settings ({@code ak.relay.*}, README table). The message cap and the ping
 * interval are framework settings, set from {@code ak.relay.*} in application.properties.
 */
@ConfigMapping(prefix = "ak.relay")
public interface RelayConfig {

    /** A socket from which nothing arrived this long (no frame, no pong) is closed. */
    @WithDefault("90s")
    Duration idleTimeout();

    /** What may wait to be sent to one socket; a client that stops reading past this is dropped. */
    @WithDefault("1M")
    MemorySize sendBuffer();

    /** Read by the framework (max-message-size); listed so the whole group is validated. */
    int maxMessageSize();

    /** Read by the framework (auto-ping-interval). */
    Duration pingInterval();
}
