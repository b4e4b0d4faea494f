package dev.agentkanban.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.common.Ids;
import dev.agentkanban.support.DirectBoards;
import dev.agentkanban.support.SseClient.Event;
import dev.agentkanban.support.SseClient;
import dev.agentkanban.support.Tenant;
import dev.agentkanban.task.TaskEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** Many subscribers and a stalled one: what they cost the server and how it sheds them. */
@QuarkusTest
class StreamLoadTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Inject
    DirectBoards boards;

    @Inject
    StreamBus bus;

    @Test
    void twoHundredIdleSubscribersCostNoThreadAndLeaveNothingBehind() throws Exception {
        Tenant tenant = Tenant.create();
        String path = "/api/boards/" + boards.board(tenant.userId) + "/stream";
        int base = settledSubscribers();
        for (int i = 0; i < 10; i++) {
            RawStream.open(path, tenant.token, 0).close();
        }
        awaitSubscribers(n -> n == base);
        int threadsBefore = THREADS.getThreadCount();

        List<RawStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                RawStream stream = RawStream.open(path, tenant.token, 0);
                streams.add(stream);
                assertThat(stream.head).startsWith("HTTP/1.1 200 ").contains("\r\nContent-Type: text/event-stream\r\n");
            }
            assertThat(bus.subscribers()).isEqualTo(base + 200);
            assertThat(THREADS.getThreadCount() - threadsBefore).as("threads added for 200 streams").isLessThan(10);
            // open streams hold no database connection: other requests still get one from the small pool
            tenant.asUser().get("/api/auth/get-session").then().statusCode(200);
            given().get("/api/share/nosuchslug").then().statusCode(404);
        } finally {
            for (RawStream stream : streams) {
                stream.close();
            }
        }
        awaitSubscribers(n -> n == base);
        assertThat(THREADS.getThreadCount() - threadsBefore).isLessThan(10);
    }

    @Test
    void aSubscriberThatNeverReadsIsDroppedWithoutHoldingUpTheWriterOrOtherSubscribers() throws Exception {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        String task = boards.task(board, "Firehose");
        String path = "/api/boards/" + board + "/stream";
        int base = settledSubscribers();
        String detail = "x".repeat(32 * 1024);

        try (RawStream stalled = RawStream.open(path, tenant.token, 4096);
                SseClient reader = SseClient.open(path, tenant.token)) {
            awaitSubscribers(n -> n == base + 2);
            long slowestCommitMillis = 0;
            List<String> sent = new ArrayList<>();
            for (int batch = 0; batch < 40; batch++) {
                TaskEvent[] events = new TaskEvent[10];
                for (int i = 0; i < events.length; i++) {
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("id", Ids.longId());
                    payload.put("task_id", task);
                    payload.put("detail", detail);
                    events[i] = new TaskEvent(tenant.userId, board, task, "board_note", payload);
                    sent.add((String) payload.get("id"));
                }
                long start = System.nanoTime();
                boards.fire(events);
                slowestCommitMillis = Math.max(slowestCommitMillis, (System.nanoTime() - start) / 1_000_000);
                // the reader keeps up, so only the stalled client falls behind
                reader.take(10, Duration.ofSeconds(5));
            }
            assertThat(slowestCommitMillis).as("slowest commit with a stalled subscriber").isLessThan(500);
            awaitSubscribers(n -> n == base + 1);
            assertThat(stalled.closedByServerWithin(Duration.ofSeconds(10))).isTrue();

            String after = (String) boards.comment(tenant.userId, board, task, tenant.userId, "still flowing").get("id");
            assertThat(reader.next(Duration.ofSeconds(1))).extracting(Event::id).isEqualTo(after);
            assertThat(sent).hasSize(400);
        }
    }

    private int settledSubscribers() throws InterruptedException {
        int previous = -1;
        for (int i = 0; i < 50; i++) {
            int now = bus.subscribers();
            if (now == previous) {
                return now;
            }
            previous = now;
            Thread.sleep(100);
        }
        return previous;
    }

    private void awaitSubscribers(IntPredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.test(bus.subscribers())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("subscribers stuck at " + bus.subscribers());
            }
            Thread.sleep(20);
        }
    }
}
