package dev.agentkanban.data.importer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an import did, table by table, as the command prints it. */
final class ImportReport {

    record Row(String table, long imported, Map<String, Long> skipped) {
    }

    record LeftOut(String table, long rows, String reason) {
    }

    final List<Row> rows = new ArrayList<>();
    final List<LeftOut> leftOut = new ArrayList<>();

    void table(String table, long imported, Map<String, Long> skipped) {
        Map<String, Long> nonZero = new LinkedHashMap<>(skipped);
        nonZero.values().removeIf(n -> n == 0);
        rows.add(new Row(table, imported, nonZero));
    }

    long imported(String table) {
        return rows.stream().filter(r -> r.table.equals(table)).mapToLong(Row::imported).sum();
    }

    void print(PrintStream out) {
        out.printf("%-20s %9s %9s%n", "table", "imported", "skipped");
        for (Row row : rows) {
            long skipped = row.skipped.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder why = new StringBuilder();
            row.skipped.forEach((reason, n) -> why.append(why.isEmpty() ? "  " : "; ").append(n).append(": ").append(reason));
            out.printf("%-20s %9d %9d%s%n", row.table, row.imported, skipped, why);
        }
        for (LeftOut table : leftOut) {
            out.printf("not imported: %s (%d rows): %s%n", table.table, table.rows, table.reason);
        }
    }
}
