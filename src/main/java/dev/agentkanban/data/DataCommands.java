package dev.agentkanban.data;

import dev.agentkanban.common.db.DatabaseFile;
import dev.agentkanban.data.backup.Backups;
import dev.agentkanban.data.backup.Restore;
import dev.agentkanban.data.importer.Importer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The data commands of {@code bin/agent-kanban}: import, backup, restore. They work on the
 * configured database file with plain JDBC and Flyway, without starting the HTTP server.
 */
public final class DataCommands {

    private static final Set<String> NAMES = Set.of("import", "backup", "restore");

    private DataCommands() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    /** Runs one command; answers the process exit status (0 done, 1 refused or failed, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        Path db = DatabaseFile.configuredPath();
        try {
            return switch (args[0]) {
                case "import" -> importFile(rest, db, out, err);
                case "backup" -> single(rest, err, "backup <target file>")
                        ? Backups.command(db, Path.of(rest.get(0)), out, err) : 2;
                default -> single(rest, err, "restore <backup file>")
                        ? Restore.command(db, Path.of(rest.get(0)), out, err) : 2;
            };
        } catch (CommandFailure e) {
            err.println("agent-kanban " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    private static int importFile(List<String> rest, Path db, PrintStream out, PrintStream err) {
        boolean merge = rest.contains("--merge");
        List<String> files = rest.stream().filter(a -> !a.equals("--merge")).toList();
        if (files.size() != 1 || files.get(0).startsWith("--")) {
            err.println("usage: agent-kanban import <original's SQLite file or wrangler d1 export .sql> [--merge]");
            return 2;
        }
        return Importer.command(Path.of(files.get(0)), db, merge, out, err);
    }

    private static boolean single(List<String> rest, PrintStream err, String usage) {
        if (rest.size() != 1 || rest.get(0).startsWith("--")) {
            err.println("usage: agent-kanban " + usage);
            return false;
        }
        return true;
    }

    /** A command that cannot go on; its message tells the user why and what to do. */
    public static class CommandFailure extends RuntimeException {
        public CommandFailure(String message) {
            super(message);
        }
    }
}
