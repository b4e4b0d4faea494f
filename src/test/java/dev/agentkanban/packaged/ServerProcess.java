package dev.agentkanban.packaged;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged server run as a separate process on a given database file, as a user runs it. */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    final Process process;
    final Path log;

    private ServerProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts on {@code dir}/ak.db, logging to {@code dir}/server.log, and waits until it answers. */
    static ServerProcess startReady(Path dir, Duration wait) throws Exception {
        Path log = dir.resolve("server.log");
        ServerProcess started = start(dir.resolve("ak.db"), log);
        if (!started.awaitReady(wait)) {
            started.close();
            throw new AssertionError("server not ready: " + RealClient.read(log));
        }
        return started;
    }

    static ServerProcess start(Path db, Path log) throws IOException {
        return start(db, log, Map.of());
    }

    /** Starts it with these environment variables set as well (settings, as a user sets them). */
    static ServerProcess start(Path db, Path log, Map<String, String> settings) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Starts sooner; these tests restart the server many times and measure nothing.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-jar");
        command.add(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AK_DB_PATH", db.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // These tests sign many users up and in from one address; the limits have their own test.
        builder.environment().put("AK_LIMIT_SIGN_UP_PER_ADDRESS", "off");
        builder.environment().put("AK_LIMIT_SIGN_IN_PER_ADDRESS", "off");
        builder.environment().putAll(settings);
        return new ServerProcess(port, builder.start(), log);
    }

    /** Waits for the first successful ping; false if the process exits first or time runs out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (get("/api/ping").statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
