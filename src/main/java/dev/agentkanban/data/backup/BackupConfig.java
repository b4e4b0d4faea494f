package dev.agentkanban.data.backup;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Where online backups go ({@code ak.backup.*}, README table). */
@ConfigMapping(prefix = "ak.backup")
public interface BackupConfig {

    /** The directory; without it, {@code backups/} beside the database. */
    Optional<String> dir();
}
