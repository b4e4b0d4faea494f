package dev.agentkanban.data;

import dev.agentkanban.auth.jwt.Base64Url;
import dev.agentkanban.auth.jwt.Ed25519;
import dev.agentkanban.support.AgentJwt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An original server's database written from scratch, the way the original's code and its auth
 * library store things (data model 2-4, auth spec 2.4 and 3.2): scrypt password hashes, API keys
 * as SHA-256, raw login tokens, the key binding double-encoded, agents with Ed25519 keys and a
 * session signed by its agent. Each build has fresh ids, so two of them never collide.
 */
public final class OriginalDatabase {

    public static final String PASSWORD = "the old password, unchanged";
    /** A chat message with what a statement splitter must not cut at: quotes, a semicolon, a comment, a newline. */
    public static final String MESSAGE = "it's late; -- \"still\" /* here */\nsee [you]";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public final Path file;
    public final String userId = random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
    public final String email = "old-" + random("abcdefghijklmnopqrstuvwxyz", 10) + "@example.com";
    public final String apiKey = "ak_" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 64);
    public final String loginToken = random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
    public final String boardId = base36(8);
    public final String repoId = base36(8);
    public final String machineId = base36(8);
    public final String workerId = hex(16);
    public final String leaderId = hex(16);
    public final String workerUsername = "old-worker-" + base36(6);
    public final String sessionId = UUID.randomUUID().toString();
    public final AgentJwt sessionKey = AgentJwt.generate();
    public final List<String> taskIds = List.of(base36(12), base36(12), base36(12));

    private OriginalDatabase(Path file) {
        this.file = file;
    }

    /** Writes the schema and one user's data: a board with three tasks, a machine, a worker and a leader. */
    public static OriginalDatabase write(Path file) throws SQLException, IOException {
        OriginalDatabase db = new OriginalDatabase(file);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : schema().split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            db.rows(c);
        }
        return db;
    }

    private void rows(Connection c) throws SQLException {
        String now = ISO.format(Instant.now());
        String old = "2026-01-05T08:00:00.000Z";
        for (int i = 1; i <= 17; i++) {
            insert(c, "INSERT INTO d1_migrations (name) VALUES (?)", String.format("%04d_migration.sql", i));
        }
        insert(c, "INSERT INTO \"user\" (id, name, email, emailVerified, createdAt, updatedAt, role, banned)"
                + " VALUES (?, 'Old User', ?, 0, ?, ?, 'user', 0)", userId, email, old, old);
        insert(c, "INSERT INTO account (id, accountId, providerId, userId, password, createdAt, updatedAt)"
                + " VALUES (?, ?, 'credential', ?, ?, ?, ?)", authId(), userId, userId, scrypt(PASSWORD), old, old);
        insert(c, "INSERT INTO \"session\" (id, expiresAt, token, createdAt, updatedAt, userId) VALUES (?, ?, ?, ?, ?, ?)",
                authId(), ISO.format(Instant.now().plus(Duration.ofDays(6))), loginToken, now, now, userId);
        insert(c, "INSERT INTO \"session\" (id, expiresAt, token, createdAt, updatedAt, userId) VALUES (?, ?, ?, ?, ?, ?)",
                authId(), "2026-01-12T08:00:00.000Z", authId(), old, old, userId);
        insert(c, "INSERT INTO verification (id, identifier, value, expiresAt, createdAt, updatedAt)"
                + " VALUES (?, 'state', 'x', ?, ?, ?)", authId(), old, old, old);
        // the auth library stored the binding as a JSON string holding the object
        insert(c, "INSERT INTO apikey (id, configId, name, start, referenceId, prefix, \"key\", enabled, rateLimitEnabled,"
                + " requestCount, createdAt, updatedAt, metadata) VALUES (?, 'default', 'laptop', ?, ?, 'ak_', ?, 1, 0, 3, ?, ?, ?)",
                authId(), apiKey.substring(0, 6), userId, sha256(apiKey), old, old,
                "\"{\\\"machineId\\\":\\\"" + machineId + "\\\"}\"");
        String gone = "ak_" + random("abcdefghijklmnopqrstuvwxyz", 64);
        insert(c, "INSERT INTO apikey (id, configId, start, referenceId, prefix, \"key\", enabled, createdAt, updatedAt)"
                + " VALUES (?, 'default', ?, ?, 'ak_', ?, 1, ?, ?)", authId(), gone.substring(0, 6), authId(), sha256(gone),
                old, old);
        insert(c, "INSERT INTO gpg_keys (id, owner_id, armored_private_key, armored_public_key, fingerprint, created_at,"
                + " updated_at) VALUES (?, ?, 'armored secret', 'armored public', ?, ?, ?)", base36(8), userId, hex(40), old, old);
        insert(c, "INSERT INTO repositories (id, owner_id, name, url, created_at) VALUES (?, ?, 'api', ?, ?)",
                repoId, userId, "https://github.com/acme/api-" + base36(6), old);
        insert(c, "INSERT INTO boards (id, owner_id, name, description, created_at, updated_at, task_seq, type)"
                + " VALUES (?, ?, 'Old board', 'from the original', ?, ?, 3, 'dev')", boardId, userId, old, old);
        insert(c, "INSERT INTO machines (id, owner_id, name, status, os, version, runtimes, last_heartbeat_at, created_at,"
                + " device_id) VALUES (?, ?, 'old-laptop', 'offline', 'linux x64', '1.4.0', '[\"Claude Code\"]', ?, ?, ?)",
                machineId, userId, old, old, hex(16));
        insert(c, "INSERT INTO agentHost (id, name, userId, status, activatedAt, createdAt, updatedAt)"
                + " VALUES (?, 'old-laptop', ?, 'active', ?, ?, ?)", machineId, userId, old, old, old);
        Ed25519PrivateKeyParameters workerKey = new Ed25519PrivateKeyParameters(RANDOM);
        agent(c, workerId, workerUsername, "worker", workerKey, old);
        agent(c, leaderId, "old-leader-" + base36(6), "leader", new Ed25519PrivateKeyParameters(RANDOM), old);
        insert(c, "INSERT INTO agent (id, name, userId, hostId, status, mode, publicKey, activatedAt, createdAt, updatedAt)"
                + " VALUES (?, ?, ?, ?, 'active', 'autonomous', ?, ?, ?, ?)", sessionId, "session-" + sessionId.substring(0, 8),
                userId, machineId, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + sessionKey.publicKey() + "\"}", old,
                old, old);
        for (String capability : List.of("task:claim", "task:review", "task:log", "task:message", "agent:usage")) {
            insert(c, "INSERT INTO agentCapabilityGrant (id, agentId, capability, grantedBy, createdAt, updatedAt, status)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'active')", authId(), sessionId, capability, userId, old, old);
        }
        String proof = Base64Url.encode(Ed25519.sign(workerKey, sessionKey.publicKey().getBytes(StandardCharsets.UTF_8)));
        insert(c, "INSERT INTO agent_sessions (id, agent_id, machine_id, status, public_key, delegation_proof, input_tokens,"
                + " created_at) VALUES (?, ?, ?, 'active', ?, ?, 1200, ?)", sessionId, workerId, machineId,
                sessionKey.publicKey(), proof, old);
        task(c, taskIds.get(0), 1, "done", null, null, old);
        task(c, taskIds.get(1), 2, "in_progress", workerId, taskIds.get(0), old);
        task(c, taskIds.get(2), 3, "todo", null, null, old);
        insert(c, "INSERT INTO task_dependencies (task_id, depends_on) VALUES (?, ?)", taskIds.get(2), taskIds.get(1));
        insert(c, "INSERT INTO task_actions (id, task_id, actor_type, actor_id, action, created_at, session_id)"
                + " VALUES (?, ?, 'agent:worker', ?, 'claimed', ?, ?)", base36(12), taskIds.get(1), workerId, old, sessionId);
        insert(c, "INSERT INTO messages (id, task_id, sender_type, sender_id, content, created_at)"
                + " VALUES (?, ?, 'user', ?, ?, ?)", base36(12), taskIds.get(1), userId, MESSAGE, old);
    }

    private void agent(Connection c, String id, String username, String kind, Ed25519PrivateKeyParameters key,
            String at) throws SQLException {
        String x = Base64Url.encode(key.generatePublicKey().getEncoded());
        String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"d\":\"" + Base64Url.encode(key.getEncoded())
                + "\"}";
        insert(c, "INSERT INTO agents (id, owner_id, name, kind, runtime, public_key, private_key, fingerprint, builtin,"
                + " created_at, updated_at, username, gpg_subkey_id) VALUES (?, ?, ?, ?, 'claude', ?, ?, ?, 0, ?, ?, ?, ?)",
                id, userId, username, kind, x, jwk, hex(40), at, at, username, id.toUpperCase());
    }

    private void task(Connection c, String id, int seq, String status, String assignee, String parent, String at)
            throws SQLException {
        insert(c, "INSERT INTO tasks (id, board_id, status, title, repository_id, labels, priority, created_by, assigned_to,"
                + " input, created_from, position, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, '[\"old\"]', 'high', ?,"
                + " ?, '{\"n\":1}', ?, ?, ?, ?, ?)", id, boardId, status, "Old task " + seq, repoId, leaderId, assignee, parent,
                seq, at, at, seq);
        insert(c, "INSERT INTO task_actions (id, task_id, actor_type, actor_id, action, created_at)"
                + " VALUES (?, ?, 'agent:leader', ?, 'created', ?)", base36(12), id, leaderId, at);
    }

    /** Runs statements on the original's file, to break it in a test. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /**
     * Writes what {@code wrangler d1 export} writes: the foreign-key pragma, then per table its
     * CREATE statement followed by its rows as INSERTs with column names, tables in name order
     * (so children may come before their parents, as in real exports), indexes last.
     */
    public Path writeExport(Path sql) throws SQLException, IOException {
        StringBuilder out = new StringBuilder("PRAGMA defer_foreign_keys=TRUE;\n");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] table : tables) {
                out.append(table[1]).append(";\n");
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT name FROM pragma_table_info('" + table[0] + "')")) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
                String names = String.join(",", columns.stream().map(n -> "\"" + n + "\"").toList());
                String values = String.join(" || ',' || ", columns.stream().map(n -> "quote(\"" + n + "\")").toList());
                try (ResultSet rs = s.executeQuery("SELECT " + values + " FROM \"" + table[0] + "\"")) {
                    while (rs.next()) {
                        out.append("INSERT INTO \"").append(table[0]).append("\" (").append(names).append(") VALUES(")
                                .append(rs.getString(1)).append(");\n");
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append(";\n");
                }
            }
        }
        Files.writeString(sql, out.toString());
        return sql;
    }

    /** The original's password hash: hex salt, then scrypt over the NFKC password with the hex text as salt. */
    public static String scrypt(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        byte[] key = SCrypt.generate(Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8),
                saltHex.getBytes(StandardCharsets.UTF_8), 16384, 16, 1, 64);
        return saltHex + ":" + HexFormat.of().formatHex(key);
    }

    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private static void insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String schema() throws IOException {
        try (InputStream in = OriginalDatabase.class.getResourceAsStream("/original/schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static String authId() {
        return random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
    }

    public static String base36(int n) {
        return random("0123456789abcdefghijklmnopqrstuvwxyz", n);
    }

    static String hex(int n) {
        return random("0123456789abcdef", n);
    }

    private static String random(String alphabet, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
