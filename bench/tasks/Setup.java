import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Prepares the data of the task load runs against a running server (see bench/README.md).
 *
 * <pre>
 * java -cp "target/quarkus-app/lib/main/*" bench/tasks/Setup.java list   URL DB OUT
 * java -cp "target/quarkus-app/lib/main/*" bench/tasks/Setup.java claims URL DB OUT COUNT WORKERS
 * </pre>
 *
 * Users, API keys, boards, repositories and the 200 listed tasks go through the HTTP API. Worker
 * agents and their sessions are written into the database file directly (the agent routes are
 * another feature), as are the claimable tasks, so that tens of thousands exist in seconds.
 * {@code list} writes OUT/list.env; {@code claims} writes OUT/warmup.txt and OUT/measure.txt,
 * COUNT lines each of "task-id agent-jwt", every token signed by the task's assignee and usable
 * for the next 60 seconds.
 */
public class Setup {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        String url = args[1];
        String db = args[2];
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        if (args[0].equals("list")) {
            list(url, db, out);
        } else {
            claims(url, db, out, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
    }

    /** A 200-task dev board: labels, priorities, every tenth task waiting for the one before. */
    static void list(String url, String db, Path out) throws Exception {
        Tenant t = Tenant.create(url);
        String key = t.apiKey();
        Worker worker = Worker.insert(db, t.userId);
        String board = t.post("/api/boards", Map.of("name", "Listed", "type", "dev")).get("id").asText();
        String repo = t.post("/api/repositories", Map.of("name", "api", "url", "https://github.com/acme/api"))
                .get("id").asText();
        String previous = null;
        String[] priorities = {"low", "medium", "high", "urgent"};
        for (int i = 0; i < 200; i++) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("title", "Task number " + i,
                    "description", "Something to do, described in a sentence or two for task " + i,
                    "board_id", board, "repository_id", repo, "assigned_to", worker.id,
                    "labels", List.of("backend", "area-" + (i % 5)), "priority", priorities[i % 4],
                    "input", Map.of("ticket", "T-" + i)));
            if (i % 10 == 9) {
                body.put("depends_on", List.of(previous));
            }
            previous = call(url, "POST", "/api/tasks", key, body).get("id").asText();
        }
        Files.writeString(out.resolve("list.env"), "AK_KEY=" + key + "\nAK_BOARD=" + board + "\n");
    }

    /** COUNT claimable tasks per token file, spread over WORKERS workers, and their claim tokens. */
    static void claims(String url, String db, Path out, int count, int workers) throws Exception {
        Tenant t = Tenant.create(url);
        String board = t.post("/api/boards", Map.of("name", "Claims", "type", "ops")).get("id").asText();
        List<Worker> pool = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            pool.add(Worker.insert(db, t.userId));
        }
        List<String[]> tasks = new ArrayList<>();
        String now = Instant.now().toString();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?busy_timeout=30000")) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO tasks (id, board_id, status, title, created_by, assigned_to, position, created_at,
                                       updated_at, seq)
                    VALUES (?, ?, 'todo', ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < 2 * count; i++) {
                    String id = base36(12);
                    Worker w = pool.get(i % workers);
                    s.setString(1, id);
                    s.setString(2, board);
                    s.setString(3, "Claim me " + i);
                    s.setString(4, w.id);
                    s.setString(5, w.id);
                    s.setInt(6, i);
                    s.setString(7, now);
                    s.setString(8, now);
                    s.setInt(9, i + 1);
                    s.addBatch();
                    tasks.add(new String[] {id, String.valueOf(i % workers)});
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE boards SET task_seq = ? WHERE id = ?")) {
                s.setInt(1, 2 * count);
                s.setString(2, board);
                s.executeUpdate();
            }
            c.commit();
        }
        for (int half = 0; half < 2; half++) {
            List<String[]> part = tasks.subList(half * count, (half + 1) * count);
            String lines = part.parallelStream()
                    .map(task -> task[0] + " " + pool.get(Integer.parseInt(task[1])).token(url))
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(out.resolve(half == 0 ? "warmup.txt" : "measure.txt"), lines);
        }
    }

    static JsonNode call(String url, String method, String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static String base36(int length) {
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        return IntStream.range(0, length).mapToObj(i -> String.valueOf(alphabet.charAt(RANDOM.nextInt(36))))
                .collect(Collectors.joining());
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    record Tenant(String url, String userId, String token) {

        static Tenant create(String url) throws Exception {
            JsonNode r = call(url, "POST", "/api/auth/sign-up/email", null,
                    Map.of("name", "Bench", "email", "bench-" + UUID.randomUUID() + "@example.com",
                            "password", "benchmark password"));
            return new Tenant(url, r.get("user").get("id").asText(), r.get("token").asText());
        }

        String apiKey() throws Exception {
            return post("/api/auth/api-key/create", Map.of("name", "bench")).get("key").asText();
        }

        JsonNode post(String path, Object body) throws Exception {
            return call(url, "POST", path, token, body);
        }
    }

    /** A worker agent with one active session, written straight into the database. */
    record Worker(String id, String sessionId, Ed25519PrivateKeyParameters key) {

        static Worker insert(String db, String ownerId) throws Exception {
            String id = HexFormat.of().formatHex(bytes(8));
            String machine = base36(8);
            String session = UUID.randomUUID().toString();
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(RANDOM);
            String now = Instant.now().toString();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?busy_timeout=30000")) {
                c.setAutoCommit(false);
                exec(c, "INSERT INTO machines (id, owner_id, name, device_id, created_at) VALUES (?, ?, 'bench', ?, ?)",
                        machine, ownerId, HexFormat.of().formatHex(bytes(8)), now);
                exec(c, """
                        INSERT INTO agents (id, owner_id, name, kind, runtime, public_key, private_key, fingerprint,
                                            builtin, created_at, updated_at, username)
                        VALUES (?, ?, 'Bench worker', 'worker', 'claude', ?, '{}', ?, 0, ?, ?, ?)""",
                        id, ownerId, b64(bytes(32)), HexFormat.of().formatHex(bytes(20)), now, now, "bench-" + id);
                exec(c, """
                        INSERT INTO agent_sessions (id, agent_id, machine_id, status, public_key, delegation_proof,
                                                    created_at)
                        VALUES (?, ?, ?, 'active', ?, 'bench', ?)""",
                        session, id, machine, b64(key.generatePublicKey().getEncoded()), now);
                c.commit();
            }
            return new Worker(id, session, key);
        }

        /** A token exactly as the CLI signs one: fresh jti, 60 s lifetime, audience = the server URL. */
        String token(String audience) {
            long now = System.currentTimeMillis() / 1000;
            String header = b64("{\"alg\":\"EdDSA\",\"typ\":\"agent+jwt\"}".getBytes(StandardCharsets.UTF_8));
            String claims = b64(("{\"sub\":\"" + sessionId + "\",\"aid\":\"" + id + "\",\"jti\":\"" + UUID.randomUUID()
                    + "\",\"aud\":\"" + audience + "\",\"iat\":" + now + ",\"exp\":" + (now + 60) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] input = (header + "." + claims).getBytes(StandardCharsets.US_ASCII);
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(input, 0, input.length);
            return header + "." + claims + "." + b64(signer.generateSignature());
        }
    }

    static byte[] bytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    static void exec(Connection c, String sql, String... values) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
