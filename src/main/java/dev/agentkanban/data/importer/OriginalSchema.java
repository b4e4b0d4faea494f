package dev.agentkanban.data.importer;

import dev.agentkanban.data.importer.TableSpec.Reference;
import java.util.List;
import java.util.Map;

/** The original's tables an import reads, in insertion order, and the ones it leaves out on purpose. */
final class OriginalSchema {

    /** Tables without which a file is not an original's database at all. */
    static final List<String> REQUIRED = List.of("user", "account", "boards", "tasks");

    static final Map<String, String> LEFT_OUT = Map.of(
            "verification", "short-lived sign-in and e-mail verification values",
            "agentCapabilityGrant", "capabilities follow the agent's kind on this server",
            "approvalRequest", "not used by Agent Kanban",
            "d1_migrations", "the original's migration bookkeeping",
            "sqlite_sequence", "SQLite bookkeeping");

    private static final String ISO_GLOB =
            "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'";

    static final List<TableSpec> TABLES = List.of(
            table("user", chars("id", 32, "A-Za-z0-9"), times("createdAt", "updatedAt"), times("banExpires"),
                    List.of(), List.of(List.of("email"))),
            table("account", chars("id", 32, "A-Za-z0-9"), times("createdAt", "updatedAt"),
                    times("accessTokenExpiresAt", "refreshTokenExpiresAt"),
                    List.of(ref("userId", "user", false)), List.of()),
            new TableSpec("session", List.of("id"), chars("id", 32, "A-Za-z0-9"),
                    times("expiresAt", "createdAt", "updatedAt"), List.of(),
                    List.of(ref("userId", "user", false)), List.of(List.of("token")),
                    "s.expiresAt <= ak_now()", "expired login session"),
            new TableSpec("apikey", List.of("id"), chars("id", 32, "A-Za-z0-9"), times("createdAt", "updatedAt"),
                    times("expiresAt"), List.of(), List.of(List.of("key")),
                    "NOT EXISTS (SELECT 1 FROM src.\"user\" u WHERE u.id = s.referenceId)"
                            + " AND NOT EXISTS (SELECT 1 FROM main.\"user\" u WHERE u.id = s.referenceId)",
                    "its owner's account was deleted (the key must not work)"),
            table("gpg_keys", chars("id", 8, "0-9a-z"), times("created_at", "updated_at"), List.of(),
                    List.of(ref("owner_id", "user", false)), List.of(List.of("owner_id"))),
            table("repositories", chars("id", 8, "0-9a-z"), times("created_at"), List.of(), List.of(),
                    List.of(List.of("owner_id", "url"))),
            table("boards", chars("id", 8, "0-9a-z"), times("created_at", "updated_at"), List.of(), List.of(),
                    List.of(List.of("owner_id", "name"), List.of("share_slug"))),
            table("machines", chars("id", 8, "0-9a-z"), times("created_at"), times("last_heartbeat_at"), List.of(),
                    List.of(List.of("owner_id", "device_id"))),
            table("agentHost", chars("id", 8, "0-9a-z"), times("createdAt", "updatedAt"), List.of(),
                    List.of(ref("userId", "user", true)), List.of()),
            table("agents", chars("id", 16, "0-9a-f"), times("created_at", "updated_at"), List.of(), List.of(),
                    List.of(List.of("username"))),
            table("agent", uuid("id"), times("createdAt", "updatedAt"), List.of(),
                    List.of(ref("hostId", "agentHost", false), ref("userId", "user", true)), List.of()),
            table("agent_sessions", uuid("id"), times("created_at"), times("closed_at"),
                    List.of(ref("agent_id", "agents", false), ref("machine_id", "machines", false)), List.of()),
            table("tasks", chars("id", 12, "0-9a-z"), times("created_at", "updated_at"), times("scheduled_at"),
                    List.of(ref("board_id", "boards", false), ref("repository_id", "repositories", true),
                            ref("assigned_to", "agents", true), ref("created_from", "tasks", true)),
                    List.of(List.of("board_id", "seq"))),
            new TableSpec("task_dependencies", List.of("task_id", "depends_on"), null, List.of(), List.of(),
                    List.of(ref("task_id", "tasks", false), ref("depends_on", "tasks", false)), List.of(), null, null),
            table("task_actions", chars("id", 12, "0-9a-z"), times("created_at"), List.of(),
                    List.of(ref("task_id", "tasks", false)), List.of()),
            table("messages", chars("id", 12, "0-9a-z"), times("created_at"), List.of(),
                    List.of(ref("task_id", "tasks", false)), List.of()));

    private OriginalSchema() {
    }

    /** True when {@code column} of {@code s} is not a 24-character ISO-8601 UTC timestamp. */
    static String badTime(String column) {
        return "s.\"" + column + "\" NOT GLOB " + ISO_GLOB;
    }

    private static TableSpec table(String name, String badId, List<String> times, List<String> optionalTimes,
            List<Reference> references, List<List<String>> uniques) {
        return new TableSpec(name, List.of("id"), badId, times, optionalTimes, references, uniques, null, null);
    }

    private static String chars(String column, int length, String alphabet) {
        return "(typeof(s." + column + ") != 'text' OR length(s." + column + ") != " + length + " OR s." + column
                + " GLOB '*[^" + alphabet + "]*')";
    }

    private static String uuid(String column) {
        String hex = "[0-9a-f]";
        String glob = hex.repeat(8) + "-" + hex.repeat(4) + "-" + hex.repeat(4) + "-" + hex.repeat(4) + "-"
                + hex.repeat(12);
        return "(typeof(s." + column + ") != 'text' OR s." + column + " NOT GLOB '" + glob + "')";
    }

    private static List<String> times(String... columns) {
        return List.of(columns);
    }

    private static Reference ref(String column, String table, boolean nullable) {
        return new Reference(column, table, "id", nullable);
    }
}
