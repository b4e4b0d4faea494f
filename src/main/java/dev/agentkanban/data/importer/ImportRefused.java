package dev.agentkanban.data.importer;

import java.util.List;

/** The import found problems before committing anything; each says what and where. */
final class ImportRefused extends Exception {

    final List<String> problems;

    ImportRefused(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }
}
