package dev.agentkanban;

import dev.agentkanban.common.db.DatabaseFile;
import dev.agentkanban.data.DataCommands;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Runs a data command (import, backup, restore) without starting the server, or prepares the
 * database file before Quarkus opens it and runs the server.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (DataCommands.handles(args)) {
            System.exit(DataCommands.run(args, System.out, System.err));
        }
        DatabaseFile.prepare(DatabaseFile.configuredPath());
        Quarkus.run(args);
    }
}
