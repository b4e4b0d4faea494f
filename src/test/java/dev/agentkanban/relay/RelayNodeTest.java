package dev.agentkanban.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.NodeRuntime;
import dev.agentkanban.support.Server;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The relay as the real daemon meets it: {@code src/test/node/relay-check.mjs} opens it with
 * Node's own WebSocket, the daemon's URL built the daemon's way (api-url with a trailing slash,
 * so the path starts with {@code //}), and fails when any accepted or refused case does not end
 * with the expected frame or close. Node's WebSocket never reports a close after a non-101
 * answer, which is how the daemon once hung; the script's deadlines catch exactly that.
 */
@QuarkusTest
class RelayNodeTest {

    private static final Path SCRIPT = Path.of("src", "test", "node", "relay-check.mjs");

    @Test
    void everyCaseEndsAsTheDaemonExpects() throws Exception {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("apiUrl", Server.url() + "/");
        input.put("daemonKey", machine.key);
        input.put("otherMachineKey", owner.machine().key);
        input.put("unboundKey", owner.createApiKey());
        input.put("revokedKey", revokedKey(owner));
        input.put("userToken", owner.token);
        input.put("sessionId", machine.worker().sessionId);
        input.put("foreignSessionId", Tenant.create().machine().worker().sessionId);

        List<String> command = new ArrayList<>(NodeRuntime.command());
        command.add(SCRIPT.toString());
        Path output = Files.createTempFile("relay-check", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("RELAY_CHECK", new ObjectMapper().writeValueAsString(input));
            Process node = builder.start();
            boolean ended = node.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                node.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("node ended within 120 s; its output:\n%s", log).isTrue();
            assertThat(node.exitValue()).as("exit code of %s; its output:\n%s", command, log).isZero();
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String revokedKey(Tenant owner) {
        var created = owner.asUser().body(Map.of("name", "revoked")).post("/api/auth/api-key/create")
                .then().statusCode(200).extract();
        owner.asUser().body(Map.of("keyId", created.path("id"))).post("/api/auth/api-key/delete")
                .then().statusCode(200);
        return created.path("key");
    }
}
