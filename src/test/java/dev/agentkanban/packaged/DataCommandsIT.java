package dev.agentkanban.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.data.OriginalDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data commands of the packaged jar as a user runs them: an original's database imported and
 * served (old password, old login token, old API key, old agent session key all still work), and
 * a backup taken from a running server restored after it stopped.
 */
class DataCommandsIT {

    private static final Duration START = Duration.ofSeconds(60);
    /** HTTP/1.1 as the ak client speaks it: agent JWT audiences are checked against the Host header. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int status, String output) {
    }

    private Run command(Path db, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar")));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AK_DB_PATH", db.toString());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static HttpResponse<String> send(ServerProcess server, String method, String path, String bearer,
            String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    @Test
    void anImportedOriginalKeepsItsPasswordsKeysAndAgentIdentities() throws Exception {
        OriginalDatabase original = OriginalDatabase.write(dir.resolve("original.db"));
        Path db = dir.resolve("ak.db");

        Run imported = command(db, "import", original.file.toString());

        assertThat(imported.status()).as(imported.output()).isZero();
        assertThat(imported.output()).containsPattern("tasks\\s+3\\s+0").containsPattern("agents\\s+2\\s+0");
        try (ServerProcess server = ServerProcess.start(db, dir.resolve("server.log"))) {
            assertThat(server.awaitReady(START)).isTrue();
            String signIn = "{\"email\":\"" + original.email + "\",\"password\":\"" + OriginalDatabase.PASSWORD + "\"}";
            String token = ok(send(server, "POST", "/api/auth/sign-in/email", null, signIn), 200).get("token").asText();
            assertThat(send(server, "POST", "/api/auth/sign-in/email", null,
                    signIn.replace(OriginalDatabase.PASSWORD, "not the password")).statusCode()).isEqualTo(401);
            assertThat(ok(send(server, "GET", "/api/boards", token, null), 200).findValuesAsText("id"))
                    .contains(original.boardId);
            assertThat(ok(send(server, "GET", "/api/boards", original.loginToken, null), 200).findValuesAsText("id"))
                    .as("an open login session survives the move").contains(original.boardId);

            JsonNode machines = ok(send(server, "GET", "/api/machines", original.apiKey, null), 200);
            assertThat(machines.findValuesAsText("id")).containsExactly(original.machineId);

            String audience = "http://127.0.0.1:" + server.port;
            String jwt = original.sessionKey.token(original.sessionId, original.workerId, audience);
            JsonNode task = ok(send(server, "GET", "/api/tasks/" + original.taskIds.get(1), jwt, null), 200);
            assertThat(task.get("assigned_to").asText()).isEqualTo(original.workerId);
            String note = "{\"detail\":\"still on it after the move\"}";
            ok(send(server, "POST", "/api/tasks/" + original.taskIds.get(1) + "/notes",
                    original.sessionKey.token(original.sessionId, original.workerId, audience), note), 201);
        }
    }

    @Test
    void aBackupOfARunningServerRestoresToTheSameData() throws Exception {
        Path db = dir.resolve("live/ak.db");
        Path backup = dir.resolve("backup.db");
        String token;
        JsonNode boardsAtBackup;
        try (ServerProcess server = ServerProcess.start(db, dir.resolve("first.log"))) {
            assertThat(server.awaitReady(START)).isTrue();
            token = ok(send(server, "POST", "/api/auth/sign-up/email", null,
                    "{\"name\":\"Owner\",\"email\":\"owner@example.com\",\"password\":\"restore password\"}"), 200)
                    .get("token").asText();
            for (String name : List.of("kept one", "kept two")) {
                ok(send(server, "POST", "/api/boards", token, "{\"name\":\"" + name + "\",\"type\":\"ops\"}"), 201);
            }
            boardsAtBackup = ok(send(server, "GET", "/api/boards", token, null), 200);

            Run backedUp = command(db, "backup", backup.toString());
            assertThat(backedUp.status()).as(backedUp.output()).isZero();
            assertThat(backedUp.output()).contains("integrity ok");

            ok(send(server, "POST", "/api/boards", token, "{\"name\":\"after the backup\",\"type\":\"ops\"}"), 201);
            Run refused = command(db, "restore", backup.toString());
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.output()).contains("in use by a running server: stop it first");
            server.stop();
        }

        Run restored = command(db, "restore", backup.toString());

        assertThat(restored.status()).as(restored.output()).isZero();
        try (Stream<Path> files = Files.list(db.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("ak.db.replaced-"));
        }
        try (ServerProcess server = ServerProcess.start(db, dir.resolve("second.log"))) {
            assertThat(server.awaitReady(START)).isTrue();
            assertThat(ok(send(server, "GET", "/api/boards", token, null), 200)).isEqualTo(boardsAtBackup);
        }
    }
}
