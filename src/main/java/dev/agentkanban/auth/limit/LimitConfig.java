package dev.agentkanban.auth.limit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The abuse limits ({@code ak.limit.*}); the rates are {@link Limit}s, {@code <count>/<period>} or {@code off}. */
@ConfigMapping(prefix = "ak.limit")
public interface LimitConfig {

    @WithDefault("20/1m")
    String signInPerAddress();

    @WithDefault("10/10m")
    String signInFailuresPerAccount();

    @WithDefault("10/1h")
    String signUpPerAddress();

    @WithDefault("20/1h")
    String apiKeysPerUser();

    /** Agent tokens remembered against replay for one tenant (each about 100 bytes, for 71 s). */
    @WithDefault("100000")
    int jwtReplayPerOwner();

    /** The same bound for the whole server. */
    @WithDefault("200000")
    int jwtReplayTotal();
}
