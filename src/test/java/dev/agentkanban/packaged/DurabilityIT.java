package dev.agentkanban.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged server as users do: restarts, kill -9, a second process on the same file. */
class DurabilityIT {

    private static final Duration START = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @Test
    void createsTheDirectoryMigratesAndKeepsDataAcrossRestarts() throws Exception {
        Path db = dir.resolve("nested/dir/ak.db");
        String email;
        try (ServerProcess server = ServerProcess.start(db, dir.resolve("first.log"))) {
            assertThat(server.awaitReady(START)).as(log(server)).isTrue();
            email = signUp(server, "restart");
            server.stop();
            assertThat(server.process.exitValue()).isIn(0, 143);
        }
        assertThat(Files.exists(db)).isTrue();
        assertThat(Files.exists(Path.of(db + "-wal"))).as("clean shutdown checkpoints the WAL away").isFalse();
        try (ServerProcess server = ServerProcess.start(db, dir.resolve("second.log"))) {
            assertThat(server.awaitReady(START)).as(log(server)).isTrue();
            assertThat(signIn(server, email)).isEqualTo(200);
        }
    }

    @Test
    void killNineLosesNothingThatWasAcknowledged() throws Exception {
        Path db = dir.resolve("ak.db");
        List<String> acknowledged = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(db, dir.resolve("killed.log"))) {
            assertThat(server.awaitReady(START)).as(log(server)).isTrue();
            for (int i = 0; i < 20; i++) {
                acknowledged.add(signUp(server, "kill" + i));
            }
            server.kill();
        }
        try (ServerProcess server = ServerProcess.start(db, dir.resolve("after-kill.log"))) {
            assertThat(server.awaitReady(START)).as(log(server)).isTrue();
            for (String email : acknowledged) {
                assertThat(signIn(server, email)).as(email).isEqualTo(200);
            }
        }
    }

    @Test
    void aSecondServerOnTheSameFileRefusesToStart() throws Exception {
        Path db = dir.resolve("shared.db");
        try (ServerProcess first = ServerProcess.start(db, dir.resolve("a.log"))) {
            assertThat(first.awaitReady(START)).as(log(first)).isTrue();
            try (ServerProcess second = ServerProcess.start(db, dir.resolve("b.log"))) {
                assertThat(second.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(second.process.exitValue()).isNotZero();
                assertThat(Files.readString(second.log)).contains("already in use by another Agent Kanban server");
            }
            assertThat(first.get("/api/ping").statusCode()).isEqualTo(200);
        }
    }

    private static String signUp(ServerProcess server, String name) throws Exception {
        String email = name + "-" + System.nanoTime() + "@example.com";
        var response = server.postJson("/api/auth/sign-up/email",
                "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\"durable password\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return email;
    }

    private static int signIn(ServerProcess server, String email) throws Exception {
        return server.postJson("/api/auth/sign-in/email",
                "{\"email\":\"" + email + "\",\"password\":\"durable password\"}").statusCode();
    }

    private static String log(ServerProcess server) {
        try {
            return Files.readString(server.log);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
