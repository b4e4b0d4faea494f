package dev.agentkanban.data.importer;

import java.util.List;

/**
 * What an import checks and copies for one table of the original's schema (data model 3 and 4).
 *
 * @param name the table, same name on both sides
 * @param key the primary-key columns
 * @param badId a condition on {@code s} (the source row) that is true when its id is malformed; null for none
 * @param times ISO-8601 timestamp columns that must be set
 * @param optionalTimes ISO-8601 timestamp columns that may be NULL
 * @param references foreign keys, each {@code column -> table.column}
 * @param uniques unique keys besides the primary key, checked against the target when merging
 * @param skip a condition on {@code s} for rows deliberately left out, or null
 * @param skipReason why those rows are left out
 */
record TableSpec(String name, List<String> key, String badId, List<String> times, List<String> optionalTimes,
        List<Reference> references, List<List<String>> uniques, String skip, String skipReason) {

    record Reference(String column, String table, String parentColumn, boolean nullable) {
    }

    String quoted() {
        return "\"" + name + "\"";
    }

    /** Source-side value for a target column: login tokens are stored hashed here, raw in the original. */
    String sourceValue(String column) {
        return name.equals("session") && column.equals("token") ? "ak_sha256(s.token)" : "s.\"" + column + "\"";
    }
}
