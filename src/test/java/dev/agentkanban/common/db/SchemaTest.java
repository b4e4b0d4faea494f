package dev.agentkanban.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

@QuarkusTest
class SchemaTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Flyway flyway;

    @Test
    void everyTableOfTheSpecExists() throws SQLException {
        assertThat(names("table")).contains(
                "user", "session", "account", "verification", "apikey", "agentHost", "agent",
                "agentCapabilityGrant", "approvalRequest",
                "boards", "tasks", "task_dependencies", "task_actions", "messages", "repositories",
                "machines", "agents", "agent_sessions", "gpg_keys");
    }

    @Test
    void everyIndexOfTheSpecExists() throws SQLException {
        assertThat(names("index")).contains(
                "idx_boards_owner", "idx_boards_owner_name", "idx_boards_share_slug",
                "idx_tasks_board", "idx_tasks_status", "idx_tasks_repository", "idx_tasks_created_from",
                "idx_tasks_board_seq", "idx_task_deps_depends", "idx_task_actions_task",
                "idx_task_actions_actor", "idx_task_actions_session", "idx_messages_task",
                "idx_repositories_owner", "idx_repositories_owner_url", "idx_machines_owner",
                "idx_machines_owner_device", "idx_agents_username", "idx_agents_owner_runtime_leader",
                "idx_agent_sessions_agent", "idx_agent_sessions_machine",
                "apikey_configId_idx", "apikey_referenceId_idx", "apikey_key_idx",
                "agent_userId_idx", "agent_hostId_idx", "agentCapabilityGrant_agentId_idx");
    }

    @Test
    void leaderIndexIsPartialOnOwnerAndRuntime() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT sql FROM sqlite_master WHERE name = 'idx_agents_owner_runtime_leader'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1).replaceAll("\\s+", " "))
                    .contains("UNIQUE INDEX")
                    .contains("agents(owner_id, runtime)")
                    .contains("WHERE kind = 'leader' AND runtime IS NOT NULL");
        }
    }

    @Test
    void secondLeaderOfARuntimeIsRejectedWorkersAndOtherRuntimesAreNot() throws SQLException {
        String owner = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            insertAgent(c, owner, "leader", "claude");
            insertAgent(c, owner, "worker", "claude");
            insertAgent(c, owner, "worker", "claude");
            insertAgent(c, owner, "leader", "codex");
            insertAgent(c, UUID.randomUUID().toString(), "leader", "claude");
            assertThatThrownBy(() -> insertAgent(c, owner, "leader", "claude"))
                    .isInstanceOfSatisfying(SQLiteException.class, e -> {
                        assertThat(e.getResultCode()).isEqualTo(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
                        assertThat(e.getMessage()).contains("agents.owner_id, agents.runtime");
                    });
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM agents WHERE owner_id = ?")) {
                count.setString(1, owner);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(4);
                }
            }
        }
    }

    @Test
    void foreignKeysAreEnforced() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate(
                    "INSERT INTO tasks (id, board_id, title) VALUES ('t" + System.nanoTime() + "', 'no-board', 'x')"))
                    .isInstanceOfSatisfying(SQLiteException.class, e ->
                            assertThat(e.getResultCode()).isEqualTo(SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY));
        }
    }

    @Test
    void durableWalSettingsAreActive() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(s, "synchronous")).isEqualTo("2");
            assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
        }
    }

    @Test
    void migratingAgainAppliesNothing() {
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        flyway.validate();
        assertThat(flyway.info().pending()).isEmpty();
    }

    private Set<String> names(String type) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT name FROM sqlite_master WHERE type = ?")) {
            s.setString(1, type);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static String pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void insertAgent(Connection c, String owner, String kind, String runtime) throws SQLException {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO agents (id, owner_id, name, kind, runtime, "
                + "public_key, private_key, fingerprint, created_at, updated_at, username) "
                + "VALUES (?, ?, 'n', ?, ?, 'pk', '{}', 'fp', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?)")) {
            s.setString(1, id);
            s.setString(2, owner);
            s.setString(3, kind);
            s.setString(4, runtime);
            s.setString(5, "u" + id);
            s.executeUpdate();
        }
    }
}
