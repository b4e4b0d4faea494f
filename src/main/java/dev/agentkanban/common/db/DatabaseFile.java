package dev.agentkanban.common.db;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Creates the database directory and claims the file for this process.
 *
 * <p>SQLite itself is safe with several processes, but the JWT replay cache and the event bus
 * live in this process's memory: a second server on the same file would accept replayed tokens
 * and miss events. So a second process is refused with a clear message instead.
 */
public final class DatabaseFile {

    /** The ordinal Quarkus gives application.properties in the jar: below the environment. */
    private static final int APPLICATION_PROPERTIES = 250;

    /** Kept reachable so the lock lives as long as the process. */
    private static FileLock held;

    private DatabaseFile() {
    }

    /**
     * The path the server will use, read before Quarkus starts: system property, then
     * environment, then application.properties.
     */
    public static Path configuredPath() {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .addDefaultSources()
                    .withSources(new PropertiesConfigSource(DatabaseFile.class.getResource("/application.properties"),
                            APPLICATION_PROPERTIES))
                    .withMapping(DbConfig.class)
                    .build();
            return Path.of(config.getConfigMapping(DbConfig.class).path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized void prepare(Path db) {
        try {
            FileLock lock = claim(db);
            if (lock == null) {
                fail("database " + db + " is already in use by another Agent Kanban server process");
            }
            held = lock;
        } catch (IOException e) {
            fail("cannot prepare database " + db + ": " + e.getMessage());
        }
    }

    /**
     * Creates the directory and takes the file's lock; null when another process holds it (a
     * running server, or a data command such as restore). Closing the lock's channel frees it.
     */
    public static FileLock claim(Path db) throws IOException {
        Path dir = db.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path lockFile = db.resolveSibling(db.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by this very process
        }
        channel.close();
        return null;
    }

    private static void fail(String message) {
        System.err.println("agent-kanban: " + message);
        System.exit(1);
    }
}
