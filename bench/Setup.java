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
 * Prepares the data of the bench/run load phases against a running server (see bench/README.md).
 * Run with the packaged libraries on the class path: {@code java -cp "target/quarkus-app/lib/main/*"
 * bench/Setup.java COMMAND URL DB OUT [N]}.
 *
 * <ul>
 * <li>{@code prepare}: a user with an API key, a 200-task dev board for listing (labels,
 * priorities, every tenth task waiting for the one before, all through the HTTP API), a board
 * for task creation, a task for notes and one for the stream fan-out, and 16 worker agents with
 * one session each (written into the database file directly: the agent routes need a machine
 * and OpenPGP keys, which is not what is measured). Writes OUT/bench.env and OUT/workers.txt.</li>
 * <li>{@code claims N}: N claimable tasks spread over the workers, inserted directly, and
 * OUT/claims.txt: one "task jwt" line each, signed by the task's assignee.</li>
 * <li>{@code notes N}: OUT/notes.txt, N "task jwt" lines for notes on the notes task.</li>
 * <li>{@code board N}: a board of N tasks inserted directly; prints its id.</li>
 * </ul>
 * Tokens are signed exactly as the CLI signs them (fresh jti, 60 s lifetime, audience = URL), so a
 * token file must be used within a minute.
 */
public class Setup {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final SecureRandom RANDOM = new SecureRandom();
    static final int WORKERS = 16;

    public static void main(String[] args) throws Exception {
        String url = args[1];
        String db = args[2];
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        switch (args[0]) {
            case "prepare" -> prepare(url, db, out);
            case "claims" -> claims(url, db, out, Integer.parseInt(args[4]));
            case "notes" -> notes(url, out, Integer.parseInt(args[4]));
            case "board" -> System.out.println(board(db, out, Integer.parseInt(args[4])));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static void prepare(String url, String db, Path out) throws Exception {
        Tenant t = Tenant.create(url);
        String key = t.apiKey();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(Worker.insert(db, t.userId));
        }
        Files.writeString(out.resolve("workers.txt"), workers.stream().map(Worker::line)
                .collect(Collectors.joining("\n", "", "\n")));
        String board = t.post("/api/boards", Map.of("name", "Listed", "type", "dev")).get("id").asText();
        String repo = t.post("/api/repositories", Map.of("name", "api", "url", "https://github.com/acme/api"))
                .get("id").asText();
        String previous = null;
        for (int i = 0; i < 200; i++) {
            Map<String, Object> body = new java.util.HashMap<>(listedTask(i, board, workers.get(0).id));
            body.put("repository_id", repo);
            if (i % 10 == 9) {
                body.put("depends_on", List.of(previous));
            }
            previous = call(url, "POST", "/api/tasks", key, body).get("id").asText();
        }
        String created = t.post("/api/boards", Map.of("name", "Created", "type", "ops")).get("id").asText();
        String createBody = JSON.writeValueAsString(Map.of("title", "Created by the bench", "board_id", created,
                "description", "A task like the ones leaders create", "priority", "medium",
                "labels", List.of("bench"), "assigned_to", workers.get(0).id));
        String work = t.post("/api/boards", Map.of("name", "Work", "type", "ops")).get("id").asText();
        String noteTask = call(url, "POST", "/api/tasks", key, Map.of("title", "Noted", "board_id", work, "assigned_to", workers.get(0).id))
                .get("id").asText();
        String streamTask = call(url, "POST", "/api/tasks", key, Map.of("title", "Watched", "board_id", work, "assigned_to", workers.get(0).id))
                .get("id").asText();
        Files.writeString(out.resolve("bench.env"), "AK_KEY=" + key + "\nAK_USER_TOKEN=" + t.token
                + "\nAK_OWNER=" + t.userId + "\nAK_LIST_BOARD=" + board + "\nAK_CREATE_BODY='" + createBody
                + "'\nAK_NOTE_TASK=" + noteTask + "\nAK_STREAM_TASK=" + streamTask + "\n");
    }

    static Map<String, Object> listedTask(int i, String board, String worker) {
        String[] priorities = {"low", "medium", "high", "urgent"};
        return Map.of("title", "Task number " + i,
                "description", "Something to do, described in a sentence or two for task " + i,
                "board_id", board, "assigned_to", worker,
                "labels", List.of("backend", "area-" + (i % 5)), "priority", priorities[i % 4],
                "input", Map.of("ticket", "T-" + i));
    }

    /** COUNT claimable tasks on a fresh board, spread over the workers, and their claim tokens. */
    static void claims(String url, String db, Path out, int count) throws Exception {
        List<Worker> workers = Worker.load(out);
        String owner = env(out, "AK_OWNER");
        String board = insertBoard(db, owner, "Claims " + base36(6));
        List<String[]> tasks = new ArrayList<>();
        insertTasks(db, board, count, i -> {
            Worker w = workers.get(i % workers.size());
            tasks.add(new String[] {null, String.valueOf(i % workers.size())});
            return w.id;
        }, (i, id) -> tasks.get(i)[0] = id);
        String lines = tasks.parallelStream()
                .map(task -> task[0] + " " + workers.get(Integer.parseInt(task[1])).token(url))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(out.resolve("claims.txt"), lines);
    }

    static void notes(String url, Path out, int count) throws Exception {
        List<Worker> workers = Worker.load(out);
        String task = env(out, "AK_NOTE_TASK");
        String lines = IntStream.range(0, count).parallel()
                .mapToObj(i -> task + " " + workers.get(i % workers.size()).token(url))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(out.resolve("notes.txt"), lines);
    }

    /** A dev board of COUNT tasks like the listed ones, straight into the database. */
    static String board(String db, Path out, int count) throws Exception {
        List<Worker> workers = Worker.load(out);
        String board = insertBoard(db, env(out, "AK_OWNER"), "Board of " + count + " " + base36(6));
        insertTasks(db, board, count, i -> workers.get(0).id, (i, id) -> { });
        return board;
    }

    static String insertBoard(String db, String owner, String name) throws Exception {
        String id = base36(12);
        String now = Instant.now().toString();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?busy_timeout=30000")) {
            exec(c, "INSERT INTO boards (id, owner_id, name, type, created_at, updated_at) VALUES (?, ?, ?, 'dev', ?, ?)",
                    id, owner, name, now, now);
        }
        return id;
    }

    static void insertTasks(String db, String board, int count, java.util.function.IntFunction<String> assignee,
            java.util.function.BiConsumer<Integer, String> inserted) throws Exception {
        String now = Instant.now().toString();
        String[] priorities = {"low", "medium", "high", "urgent"};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?busy_timeout=30000")) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO tasks (id, board_id, status, title, description, labels, priority, created_by,
                                       assigned_to, input, position, created_at, updated_at, seq)
                    VALUES (?, ?, 'todo', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < count; i++) {
                    String id = base36(12);
                    String worker = assignee.apply(i);
                    s.setString(1, id);
                    s.setString(2, board);
                    s.setString(3, "Task number " + i);
                    s.setString(4, "Something to do, described in a sentence or two for task " + i);
                    s.setString(5, "[\"backend\",\"area-" + (i % 5) + "\"]");
                    s.setString(6, priorities[i % 4]);
                    s.setString(7, worker);
                    s.setString(8, worker);
                    s.setString(9, "{\"ticket\":\"T-" + i + "\"}");
                    s.setInt(10, i);
                    s.setString(11, now);
                    s.setString(12, now);
                    s.setInt(13, i + 1);
                    s.addBatch();
                    inserted.accept(i, id);
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE boards SET task_seq = ? WHERE id = ?")) {
                s.setInt(1, count);
                s.setString(2, board);
                s.executeUpdate();
            }
            c.commit();
        }
    }

    static String env(Path out, String name) throws Exception {
        return Files.readAllLines(out.resolve("bench.env")).stream().filter(l -> l.startsWith(name + "="))
                .map(l -> l.substring(name.length() + 1)).findFirst().orElseThrow();
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

        String line() {
            return id + " " + sessionId + " " + HexFormat.of().formatHex(key.getEncoded());
        }

        static List<Worker> load(Path out) throws Exception {
            return Files.readAllLines(out.resolve("workers.txt")).stream().map(l -> l.split(" "))
                    .map(f -> new Worker(f[0], f[1], new Ed25519PrivateKeyParameters(HexFormat.of().parseHex(f[2]), 0)))
                    .toList();
        }

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
