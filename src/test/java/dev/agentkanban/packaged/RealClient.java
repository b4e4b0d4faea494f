package dev.agentkanban.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code ak} client, named by the {@code AK_CLI} environment variable, run as a user runs
 * it: its own {@code HOME} (config, identities, daemon state and log), the stand-in runtime and tools
 * of {@code src/test/resources/standins} first on {@code PATH}, temporary workspaces under the test's
 * directory. Leader commands run below a process named {@code claude} with {@code CLAUDECODE=1},
 * which is how the client recognises a leader. Closing it kills the daemon and everything it started.
 */
final class RealClient implements AutoCloseable {

    private static final String CLI = System.getenv("AK_CLI");
    private static final List<String> STAND_INS = List.of("gemini", "npx", "gh", "gpg", "gpgconf");
    /** Variables of the surrounding shell that would change who the client thinks it is, or where it keeps state. */
    private static final List<String> FOREIGN = List.of("CLAUDECODE", "CODEX_CI", "GEMINI_CLI", "AK_AGENT_ID",
            "AK_SESSION_ID", "AK_AGENT_KEY", "AK_API_URL", "AK_WORKER", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
            "XDG_STATE_HOME", "npm_command");

    final Path home;
    final Path state;
    final Path origins;
    private final Path bin;
    private final Path leaderBin;
    private final Path tmp;
    private final Path outputs;
    private int runs;

    /** Skips the calling test (shown as skipped) unless AK_CLI names an executable client. */
    static void assumePresent() {
        assumeTrue(CLI != null && !CLI.isBlank() && Files.isExecutable(Path.of(CLI)),
                "AK_CLI does not name an executable ak client: real-client tests skipped");
    }

    RealClient(Path dir) throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        state = Files.createDirectories(dir.resolve("stand-in-state"));
        origins = Files.createDirectories(dir.resolve("origins"));
        bin = Files.createDirectories(dir.resolve("bin"));
        leaderBin = Files.createDirectories(dir.resolve("leader"));
        tmp = Files.createDirectories(dir.resolve("tmp"));
        outputs = Files.createDirectories(dir.resolve("outputs"));
        Path stateDir = Files.createDirectories(home.resolve(".local/state/agent-kanban"));
        // A fresh update check: the client asks no registry for a newer version.
        Files.writeString(stateDir.resolve("update-check.json"),
                "{\"latest\":\"1.4.0\",\"checkedAt\":" + System.currentTimeMillis() + "}");
        for (String tool : STAND_INS) {
            install(tool, bin);
        }
        install("claude", leaderBin);
    }

    /** {@code ak args…} as a person in a terminal runs it. */
    Run ak(String... args) {
        return run(Map.of(), command(args));
    }

    /** {@code ak args…} run by a leader agent inside its Claude Code session. */
    Run leader(String... args) {
        List<String> command = new ArrayList<>();
        command.add(leaderBin.resolve("claude").toString());
        command.addAll(command(args));
        return run(Map.of("CLAUDECODE", "1"), command);
    }

    /** {@code ak args…} with the environment the daemon gives a worker. */
    Run worker(Map<String, String> workerEnv, String... args) {
        return run(workerEnv, command(args));
    }

    Path daemonLog() {
        return home.resolve(".local/state/agent-kanban/logs/daemon.log");
    }

    String daemonLogText() {
        return read(daemonLog());
    }

    /** What the stand-in runtime wrote: its arguments, and the output of each ak call it made. */
    String standInLog() {
        return read(state.resolve("gemini.log"));
    }

    Optional<ProcessHandle> daemon() {
        Path pid = home.resolve(".local/state/agent-kanban/daemon.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(read(pid).trim())).filter(ProcessHandle::isAlive);
    }

    /** The stand-in worker process that worked on this task, if it ever started. */
    Optional<Long> standInPid(String taskId) {
        Path pid = state.resolve(taskId + ".pid");
        return Files.exists(pid) ? Optional.of(Long.parseLong(read(pid).trim())) : Optional.empty();
    }

    @Override
    public void close() {
        daemon().ifPresent(daemon -> {
            List<ProcessHandle> tree = new ArrayList<>(daemon.descendants().toList());
            tree.add(daemon);
            tree.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : tree) {
                p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
            }
        });
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(CLI).toAbsolutePath().toString());
        command.addAll(Arrays.asList(args));
        return command;
    }

    private Run run(Map<String, String> extra, List<String> command) {
        int n = ++runs;
        Path out = outputs.resolve(n + ".out");
        Path err = outputs.resolve(n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        FOREIGN.forEach(env::remove);
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        env.put("AK_CLI", Path.of(CLI).toAbsolutePath().toString());
        env.put("STANDIN_STATE", state.toString());
        env.put("STANDIN_ORIGINS", origins.toString());
        env.putAll(extra);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ak " + command + " did not finish in 120 s");
            }
            return new Run(command, process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void install(String tool, Path dir) throws IOException {
        Path target = dir.resolve(tool);
        try (InputStream script = RealClient.class.getResourceAsStream("/standins/" + tool)) {
            assertThat(script).as("stand-in " + tool).isNotNull();
            Files.copy(script, target);
        }
        assertThat(target.toFile().setExecutable(true)).isTrue();
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One finished {@code ak} invocation. */
    record Run(List<String> command, int exit, String out, String err) {

        /** Asserts a zero exit and returns standard output. */
        String ok() {
            assertThat(exit).as("%s\nstdout: %s\nstderr: %s", command, out, err).isZero();
            return out;
        }

        /** Asserts a failure and returns what the client printed on standard error. */
        String fails() {
            assertThat(exit).as("%s\nstdout: %s", command, out).isNotZero();
            return err;
        }
    }
}
