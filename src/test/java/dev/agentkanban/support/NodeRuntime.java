package dev.agentkanban.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js command with a built-in {@code WebSocket}, the one the {@code ak} daemon uses: the
 * installed {@code node} as it is (22 and later), with {@code --experimental-websocket} (20.10
 * to 21), or, when the installed one has none (Debian 12's Node 18), a Node 22 from the npm
 * registry installed under {@code target/}. Fails with the reason when none can be had: the
 * relay test is never skipped.
 */
public final class NodeRuntime {

    private static final String CHECK = "process.exit(typeof WebSocket === 'function' ? 0 : 3)";
    private static final Path FALLBACK = Path.of("target", "node22");

    private NodeRuntime() {
    }

    /** The command line prefix that runs a script on a Node with WebSocket. */
    public static synchronized List<String> command() {
        if (!works(List.of("node", "--version"))) {
            throw new AssertionError("The relay test needs Node.js, and `node` is not on PATH: install it "
                    + "(Debian: apt-get install nodejs npm; .ci/run does this)");
        }
        for (List<String> candidate : List.of(List.of("node"), List.of("node", "--experimental-websocket"))) {
            if (hasWebSocket(candidate)) {
                return candidate;
            }
        }
        Path node = FALLBACK.resolve("node_modules").resolve(packageName()).resolve("bin").resolve("node");
        if (!Files.isExecutable(node)) {
            install();
        }
        List<String> fallback = List.of(node.toAbsolutePath().toString());
        if (!hasWebSocket(fallback)) {
            throw new AssertionError("The installed node has no WebSocket, and neither has " + node);
        }
        return fallback;
    }

    private static void install() {
        List<String> npm = List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                FALLBACK.toString(), packageName() + "@22");
        Result result = run(npm, 300);
        if (result.exit != 0) {
            throw new AssertionError("The installed node has no WebSocket and `" + String.join(" ", npm)
                    + "` failed (is npm installed? Debian: apt-get install npm):\n" + result.output);
        }
    }

    /** The npm package that carries the Node binary of this machine. */
    private static String packageName() {
        String arch = System.getProperty("os.arch");
        return "node-linux-" + (arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "x64");
    }

    private static boolean hasWebSocket(List<String> node) {
        List<String> command = new ArrayList<>(node);
        command.add("-e");
        command.add(CHECK);
        return run(command, 30).exit == 0;
    }

    private static boolean works(List<String> command) {
        return run(command, 30).exit == 0;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int seconds) {
        try {
            Path output = Files.createTempFile("ak-node", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
                if (!ended) {
                    process.destroyForcibly();
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                return ended ? new Result(process.exitValue(), text) : new Result(-1, text + "\n(timed out)");
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
