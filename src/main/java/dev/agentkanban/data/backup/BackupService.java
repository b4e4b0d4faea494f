package dev.agentkanban.data.backup;

import dev.agentkanban.common.db.DbConfig;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.data.DataCommands.CommandFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Online backups into the configured backup directory. File names are made here, never taken
 * from a request, and only names of that exact shape are served back.
 */
@ApplicationScoped
public class BackupService {

    private final ReentrantLock running = new ReentrantLock();
    private final Path db;
    private final Path dir;

    BackupService(DbConfig database, BackupConfig config) {
        this.db = Path.of(database.path());
        Path parent = db.toAbsolutePath().getParent();
        this.dir = config.dir().filter(s -> !s.isBlank()).map(Path::of).orElse(parent.resolve("backups"))
                .toAbsolutePath().normalize();
    }

    public Backups.Copy create() {
        if (!running.tryLock()) {
            throw ApiException.conflict("BACKUP_RUNNING", "A backup is already running");
        }
        try {
            return Backups.copy(db, dir.resolve(Backups.freshName()));
        } catch (SQLException | IOException | CommandFailure e) {
            throw new ApiException(503, "BACKUP_FAILED", "Backup failed: " + e.getMessage());
        } finally {
            running.unlock();
        }
    }

    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Backups.NAME.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(Path::getFileName).reversed())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    /** The backup of that exact name in the backup directory, or 404. */
    public Path find(String name) {
        if (name == null || !Backups.NAME.matcher(name).matches()) {
            throw ApiException.notFound("Backup not found");
        }
        Path file = dir.resolve(name).normalize();
        if (!file.getParent().equals(dir) || !Files.isRegularFile(file)) {
            throw ApiException.notFound("Backup not found");
        }
        return file;
    }
}
