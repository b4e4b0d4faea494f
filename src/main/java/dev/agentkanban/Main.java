package dev.agentkanban;

import dev.agentkanban.common.db.DatabaseFile;
import dev.agentkanban.common.web.Fallbacks;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Prepares the database file before Quarkus opens it, then runs the server. */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        System.setProperty(Fallbacks.URI_CHECK_OFF, "true");
        DatabaseFile.prepare(DatabaseFile.configuredPath());
        Quarkus.run(args);
    }
}
