package dev.agentkanban.stream;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The live streams' settings ({@code ak.stream.*}, README table). */
@ConfigMapping(prefix = "ak.stream")
public interface StreamConfig {

    /** A comment line on every open stream this often, so proxies and clients see it alive. */
    @WithDefault("15s")
    Duration keepAlive();

    History history();

    /** What may wait for one slow client; past this it is disconnected (it can resume). */
    @WithDefault("1M")
    MemorySize subscriberBuffer();

    /** What a reconnecting client can resume from; whichever bound is reached first drops the oldest. */
    interface History {

        @WithDefault("10m")
        Duration maxAge();

        @WithDefault("10000")
        int maxEvents();

        @WithDefault("16M")
        MemorySize maxBytes();
    }
}
