package dev.agentkanban.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.support.Hostile;
import dev.agentkanban.support.Hostile.Gen;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.RelayClient;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile frames on the relay socket, as HostileInputTest sends hostile requests: JSON objects of
 * the relay's frame types with hostile fields, other JSON values, broken JSON, and hostile upgrade
 * queries. The relay may answer an error frame or close with a 1xxx/4xxx code that says why; it
 * never closes with 1011 (internal error), and a socket it keeps open still answers a ping.
 * {@code -Dak.fuzz.cases=N} and {@code -Dak.fuzz.seed=S} as there.
 */
@QuarkusTest
class RelayFrameFuzzTest {

    private static final int CASES = Integer.getInteger("ak.fuzz.cases", 150);
    private static final long SEED = Long.getLong("ak.fuzz.seed", System.nanoTime());
    private static final List<String> TYPES = List.of("ping", "agent:event", "agent:status", "human:message",
            "request:history", "session:history", "", "PING", "pong");
    private static final List<String> FIELDS = List.of("type", "sessionId", "session_id", "event", "status",
            "message", "content", "text", "history", "id", "data", "agentId", "requestId");

    @Test
    void hostileFramesNeverBreakTheRelay() {
        Machine machine = Tenant.create().machine();
        Random random = new Random(SEED);
        Gen<String> values = Hostile.jsonValue();
        Gen<byte[]> bodies = Hostile.body(FIELDS);
        List<String> violations = new ArrayList<>();
        RelayClient daemon = RelayClient.daemon(machine.key);
        try {
            for (int i = 0; i < CASES; i++) {
                String frame = random.nextBoolean()
                        ? "{\"type\":" + Hostile.quote(TYPES.get(random.nextInt(TYPES.size()))) + ","
                                + Hostile.quote(FIELDS.get(random.nextInt(FIELDS.size()))) + ":" + values.next(random) + "}"
                        : new String(bodies.next(random), StandardCharsets.UTF_8);
                String problem;
                try {
                    daemon.send(frame);
                    daemon.send("{\"type\":\"ping\"}");
                    problem = alive(daemon);
                } catch (RuntimeException closedMeanwhile) {
                    problem = daemon.isClosed() && daemon.closed().code() != 1011 ? null
                            : "sending failed: " + closedMeanwhile;
                }
                if (problem != null) {
                    violations.add("case " + i + " (seed " + SEED + "): " + clip(frame) + " → " + problem);
                }
                if (daemon.isClosed()) {
                    daemon = RelayClient.daemon(machine.key);
                }
            }
        } finally {
            daemon.close();
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void hostileUpgradeQueriesAreRefusedWithACloseFrame() {
        Random random = new Random(SEED);
        Gen<String> queries = Hostile.query(List.of("role", "token", "sessionId", "machineId"));
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < CASES / 3; i++) {
            String query = queries.next(random);
            if (query.length() > 3000 || !expressible(query)) {
                continue; // the WebSocket client cannot send it; HostileInputTest sends such URIs raw
            }
            try (RelayClient socket = RelayClient.open(query)) {
                RelayClient.Closed closed = socket.closed();
                if (closed.code() == 1011 || closed.code() < 1000) {
                    violations.add("query " + clip(query) + " closed " + closed);
                }
            } catch (RuntimeException e) {
                violations.add("query " + clip(query) + " failed: " + e);
            }
        }
        assertThat(violations).isEmpty();
    }

    /** Null while the relay answers the ping (after any error frames), or closed with a code that is not 1011. */
    private static String alive(RelayClient daemon) {
        for (int n = 0; n < 5; n++) {
            String answer = daemon.poll(Duration.ofSeconds(20));
            if (answer == null) {
                if (daemon.isClosed()) {
                    RelayClient.Closed closed = daemon.closed();
                    return closed.code() == 1011 ? "closed with an internal error: " + closed : null;
                }
                return "no answer to a ping within 20 s";
            }
            if (answer.equals("{\"type\":\"pong\"}")) {
                return null;
            }
        }
        return "no pong after five other frames";
    }

    private static boolean expressible(String query) {
        try {
            java.net.URI.create(RelayClient.url(query));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String clip(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
