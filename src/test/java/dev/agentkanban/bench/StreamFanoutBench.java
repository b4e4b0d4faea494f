package dev.agentkanban.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import dev.agentkanban.common.Times;
import dev.agentkanban.support.DirectBoards;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fan-out of the live streams: N subscribers on one board stream, task actions committed one
 * per transaction (a real SQLite commit each), measured from commit to arrival at every
 * subscriber. Not part of the test suite (the name does not end in Test); run it with
 * {@code mvn -B test -Dtest=StreamFanoutBench -Dbench.subscribers=200} (see bench/README.md).
 * Clients run in the same JVM and share the two cores with the server.
 */
@QuarkusTest
class StreamFanoutBench {

    private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 200);
    private static final int PACED_EVENTS = Integer.getInteger("bench.paced-events", 400);
    private static final int PACED_PER_SECOND = Integer.getInteger("bench.paced-rate", 20);
    private static final int BURST_EVENTS = Integer.getInteger("bench.burst-events", 1000);

    private static final OperatingSystemMXBean CPU = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Inject
    DirectBoards boards;

    @Inject
    CommitClock clock;

    @Test
    void fanOut() throws Exception {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        String task = boards.task(board, "Benchmark");
        clock.start();
        try (NioListeners listeners = new NioListeners("localhost", RestAssured.port, "/api/boards/" + board + "/stream",
                tenant.token, SUBSCRIBERS, clock::committedAt)) {
            run(tenant, board, task, listeners, 100, 0);
            report("paced " + PACED_PER_SECOND + "/s", run(tenant, board, task, listeners, PACED_EVENTS, PACED_PER_SECOND));
            report("burst", run(tenant, board, task, listeners, BURST_EVENTS, 0));
        } finally {
            clock.stop();
        }
    }

    private record Result(int events, double seconds, long deliveries, long[] latencies, double commitsPerSecond,
            double cpuMicrosPerDelivery, double eventLoopMicrosPerDelivery) {
    }

    /** CPU time of the server's event-loop threads, where every socket write happens. */
    private static long eventLoopCpuNanos() {
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("vert.x-eventloop-thread-")) {
                total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** Commits {@code events} actions (paced when rate > 0) and waits until every subscriber has them all. */
    private Result run(Tenant tenant, String board, String task, NioListeners listeners, int events, int rate)
            throws InterruptedException {
        long before = listeners.received.get();
        long cpuBefore = CPU.getProcessCpuTime();
        long loopsBefore = eventLoopCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            if (rate > 0) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            boards.action(tenant.userId, board, task, "user", tenant.userId, "commented", "bench " + i, null, Times.now());
        }
        double commitSeconds = (System.nanoTime() - start) / 1e9;
        long expected = before + (long) events * SUBSCRIBERS;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long delivered;
        while ((delivered = listeners.received.get()) < expected) {
            assertThat(System.nanoTime()).as("all deliveries within 60 s").isLessThan(deadline);
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (CPU.getProcessCpuTime() - cpuBefore) / 1e3 / (delivered - before);
        double loopMicros = (eventLoopCpuNanos() - loopsBefore) / 1e3 / (delivered - before);
        long[] all = listeners.drainLatencies();
        Arrays.sort(all);
        return new Result(events, seconds, delivered - before, all, events / commitSeconds, cpuMicros, loopMicros);
    }

    private static void report(String phase, Result r) {
        long[] l = r.latencies();
        System.out.printf(Locale.ROOT,
                "STREAM-BENCH %s: %d subscribers, %d events (%.0f commits/s), %d deliveries in %.2f s = %.0f deliveries/s;"
                        + " commit->delivery p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
                        + " CPU per delivery: %.1f us whole process, %.1f us server event loops%n",
                phase, SUBSCRIBERS, r.events(), r.commitsPerSecond(), r.deliveries(), r.seconds(),
                r.deliveries() / r.seconds(), ms(l, 0.50), ms(l, 0.99), l[l.length - 1] / 1e6,
                r.cpuMicrosPerDelivery(), r.eventLoopMicrosPerDelivery());
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }
}
