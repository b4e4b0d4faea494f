package dev.agentkanban.common.db;

import io.smallrye.config.ConfigMapping;

/**
 * The SQLite file and how it is opened ({@code ak.db.*}, README table; defaults in
 * application.properties, whose JDBC URL is built from these keys). Read by {@link DatabaseFile}
 * before Quarkus starts, from the same sources Quarkus reads.
 */
@ConfigMapping(prefix = "ak.db")
public interface DbConfig {

    String path();

    /** FULL: an acknowledged write survives power loss. NORMAL trades that for speed. */
    String synchronous();

    /** How long a write waits for the lock held by another process. */
    long busyTimeoutMs();

    GroupCommitConfig groupCommit();

    /** How far {@link GroupCommit} batches queued writes into one transaction. */
    interface GroupCommitConfig {

        /** At most this many writes share one commit; 1 gives every write its own transaction. */
        int maxWrites();

        /** A batch takes no new write once it has run this long (bounds the wait of its first writers). */
        long maxTimeMs();
    }
}
