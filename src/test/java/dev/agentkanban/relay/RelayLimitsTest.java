package dev.agentkanban.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.RelayClient;
import dev.agentkanban.support.RelayClient.Closed;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Frames the relay does not take: not JSON, of unknown type, binary, or over the size cap. */
@QuarkusTest
class RelayLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void malformedJsonAndUnknownTypesGetAnErrorFrameAndTheSocketStaysOpen() throws Exception {
        Machine machine = Tenant.create().machine();
        try (RelayClient daemon = RelayClient.daemon(machine.key)) {
            for (String bad : new String[] {"{not json", "[1,2]", "\"ping\"", "{\"type\":7}", "{}"}) {
                daemon.send(bad);
                assertThat(JSON.readTree(daemon.next()).path("code").asText()).as(bad).isEqualTo("BAD_FRAME");
            }
            daemon.send("{\"type\":\"launch:rockets\"}");
            assertThat(JSON.readTree(daemon.next()).path("code").asText()).isEqualTo("UNKNOWN_TYPE");
            daemon.send("{\"type\":\"agent:event\",\"event\":{}}");
            assertThat(JSON.readTree(daemon.next()).path("code").asText()).isEqualTo("BAD_FRAME");
            daemon.send("{\"type\":\"ping\"}");
            assertThat(daemon.next()).isEqualTo("{\"type\":\"pong\"}");
        }
    }

    @Test
    void aBinaryFrameClosesWith1003() {
        Machine machine = Tenant.create().machine();
        try (RelayClient daemon = RelayClient.daemon(machine.key)) {
            daemon.sendBinary(new byte[] {1, 2, 3});
            assertThat(daemon.closed()).isEqualTo(new Closed(1003, "frames are JSON text"));
        }
    }

    @Test
    void aMessageOverTheCapClosesWith1009WhetherInOneFrameOrInFragments() {
        Machine machine = Tenant.create().machine();
        String big = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(300 * 1024) + "\"}";
        try (RelayClient daemon = RelayClient.daemon(machine.key)) {
            daemon.send(big);
            assertThat(daemon.closed()).isEqualTo(new Closed(1009, "message too big"));
        }
        try (RelayClient daemon = RelayClient.daemon(machine.key)) {
            daemon.sendFragmented(big, 10);
            assertThat(daemon.closed()).isEqualTo(new Closed(1009, "message too big"));
        }
    }

    @Test
    void aMessageJustUnderTheCapIsTaken() {
        Machine machine = Tenant.create().machine();
        String fits = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(250 * 1024) + "\"}";
        try (RelayClient daemon = RelayClient.daemon(machine.key)) {
            daemon.send(fits);
            assertThat(daemon.next()).isEqualTo("{\"type\":\"pong\"}");
        }
    }
}
