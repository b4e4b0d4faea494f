package dev.agentkanban.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.support.Machine;
import dev.agentkanban.support.RawRelaySocket;
import dev.agentkanban.support.RelayClient;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sockets that stop reading or go silent: a browser that reads nothing is dropped once its send
 * buffer is full, while the daemon and the other browsers carry on; a socket from which nothing
 * arrives for the idle window (test profile: a few seconds) is closed.
 */
@QuarkusTest
class RelayBackpressureTest {

    /** 200 frames of 60 KiB: 12 MiB, more than the 1 MiB send buffer and 4 MiB of kernel buffers. */
    private static final int FRAMES = 200;

    @Test
    void aBrowserThatStopsReadingIsDroppedWithoutHoldingUpTheDaemonOrOtherBrowsers() throws Exception {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        String session = machine.worker().sessionId;
        String pad = "x".repeat(60 * 1024);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        try (RelayClient daemon = RelayClient.daemon(machine.key);
                RelayClient reader = RelayClient.browser(owner.token, session);
                RawRelaySocket stalled = RawRelaySocket.open("role=browser&sessionId=" + session + "&token="
                        + owner.token, 4096)) {
            // Alive (unsolicited pongs) but never reading: only the buffer rule may drop it.
            heartbeat.scheduleAtFixedRate(() -> {
                try {
                    stalled.sendPong();
                } catch (java.io.IOException e) {
                    // dropped already
                }
            }, 0, 300, TimeUnit.MILLISECONDS);
            assertThat(reader.next()).startsWith("{\"type\":\"daemon:");

            // Paced by the reading browser, so only the stalled one can fall behind: far more
            // than its send buffer plus what the kernel buffers for it.
            for (int i = 0; i < FRAMES; i++) {
                daemon.send("{\"type\":\"agent:event\",\"sessionId\":\"" + session + "\",\"event\":{\"n\":" + i
                        + ",\"pad\":\"" + pad + "\"}}");
                assertThat(reader.next()).as("frame %d reaches the reading browser", i).contains("{\"n\":" + i + ",");
            }
            daemon.send("{\"type\":\"ping\"}");
            assertThat(daemon.next()).as("the daemon is answered while a browser is stuck").isEqualTo("{\"type\":\"pong\"}");

            RawRelaySocket.Frame close = CompletableFuture.supplyAsync(() -> {
                try {
                    return stalled.closeFrame();
                } catch (java.io.IOException e) {
                    throw new AssertionError("no close frame before the connection ended", e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(close.closeCode()).isEqualTo(4429);
            assertThat(close.text()).isEqualTo("too slow: send buffer full");
        } finally {
            heartbeat.shutdownNow();
        }
    }

    @Test
    void aSocketFromWhichNothingArrivesIsClosedAfterTheIdleWindow() throws Exception {
        Machine machine = Tenant.create().machine();
        try (RawRelaySocket silent = RawRelaySocket.open("role=daemon&token=" + machine.key, 65536)) {
            long start = System.nanoTime();
            RawRelaySocket.Frame close = silent.closeFrame();
            assertThat(close.closeCode()).isEqualTo(4408);
            assertThat(close.text()).isEqualTo("idle timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void aClientThatAnswersTheServersPingsOrPingsItselfStaysOpenPastTheWindow() throws Exception {
        Machine machine = Tenant.create().machine();
        try (RelayClient answering = RelayClient.daemon(machine.key)) {
            assertThat(answering.poll(Duration.ofSeconds(6))).as("the JDK client answers pings by itself").isNull();
            assertThat(answering.isClosed()).isFalse();
            answering.send("{\"type\":\"ping\"}");
            assertThat(answering.next()).isEqualTo("{\"type\":\"pong\"}");
        }
    }

    @Test
    void theUpgradeIsAnswered101EvenWhenRefused() throws Exception {
        try (RawRelaySocket refused = RawRelaySocket.open("role=daemon&token=ak_wrong", 65536)) {
            assertThat(refused.statusLine).isEqualTo("HTTP/1.1 101 Switching Protocols");
            RawRelaySocket.Frame close = refused.closeFrame();
            assertThat(close.closeCode()).isEqualTo(4401);
            assertThat(close.text()).isEqualTo("Invalid API key.");
        }
    }
}
