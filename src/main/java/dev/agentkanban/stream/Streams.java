package dev.agentkanban.stream;

import dev.agentkanban.common.Times;
import dev.agentkanban.common.error.ApiException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the live streams of api spec 11 with design.md's changes: after the initial batch the
 * stream stays open and receives events as they are committed, with keep-alive comments. A
 * {@code Last-Event-ID} still in the bus history resumes exactly after that event.
 *
 * <p>Every open follows the same order so nothing falls between the batch and the live events:
 * register with the bus first (live events queue up), then read the batch, then start writing the
 * batch followed by the queued events that the batch did not already hold.
 */
@ApplicationScoped
public class Streams {

    static final int TASK_BATCH = 50;
    static final int BOARD_BATCH = 100;
    static final Duration BOARD_WINDOW = Duration.ofMinutes(5);

    private final StreamBus bus;
    private final StreamReads reads;
    private final Vertx vertx;
    private final long bufferBytes;

    Streams(StreamBus bus, StreamReads reads, Vertx vertx,
            @ConfigProperty(name = "ak.stream.subscriber-buffer") MemorySize bufferBytes) {
        this.bus = bus;
        this.reads = reads;
        this.vertx = vertx;
        this.bufferBytes = bufferBytes.asLongValue();
    }

    /** Task stream (api spec 11.1): notes and messages of one task of the owner. */
    public void task(String ownerId, String taskId, String lastEventId, RoutingContext http) {
        reads.taskBoard(ownerId, taskId).orElseThrow(() -> ApiException.notFound("Task not found"));
        Subscriber subscriber = subscriber(Topic.TASK, taskId, ownerId, http);
        String last = present(lastEventId);
        if (last == null) {
            bus.register(subscriber);
            open(subscriber, http, () -> reads.latestOfTask(taskId, TASK_BATCH));
            return;
        }
        List<Frame> missed = bus.resume(subscriber, last);
        if (missed != null) {
            open(subscriber, http, missed, Set.of());
            return;
        }
        StreamReads.Cursor cursor = reads.cursor(last).orElseThrow(() -> new ApiException(400, "INVALID_LAST_EVENT_ID",
                "Unknown event ID, reconnect without Last-Event-ID"));
        bus.register(subscriber);
        open(subscriber, http, () -> reads.taskAfter(taskId, cursor));
    }

    /** Board stream (api spec 11.2): silently empty for a board the owner does not hold. */
    public void board(String ownerId, String boardId, String lastEventId, RoutingContext http) {
        boolean visible = reads.ownsBoard(ownerId, boardId);
        shown(ownerId, visible ? boardId : null, lastEventId, http);
    }

    /** Share stream (api spec 11.3): the board stream of a public board, for anyone. */
    public void shared(String slug, String lastEventId, RoutingContext http) {
        StreamReads.SharedBoard board = reads.sharedBoard(slug)
                .orElseThrow(() -> ApiException.notFound("Board not found"));
        shown(board.ownerId(), board.id(), lastEventId, http);
    }

    /**
     * The original ignores Last-Event-ID here and replays the last five minutes; we resume
     * exactly when the id is still in the history and fall back to the window otherwise.
     */
    private void shown(String ownerId, String boardId, String lastEventId, RoutingContext http) {
        Subscriber subscriber = subscriber(Topic.BOARD, boardId, ownerId, http);
        if (boardId == null) {
            bus.register(subscriber);
            open(subscriber, http, List.of(), Set.of());
            return;
        }
        String last = present(lastEventId);
        List<Frame> missed = last == null ? null : bus.resume(subscriber, last);
        if (missed != null) {
            open(subscriber, http, missed, Set.of());
            return;
        }
        bus.register(subscriber);
        String since = Times.format(Instant.now().minus(BOARD_WINDOW));
        open(subscriber, http, () -> reads.recentOfBoard(boardId, since, BOARD_BATCH));
    }

    private Subscriber subscriber(Topic topic, String key, String ownerId, RoutingContext http) {
        if (bus.closing()) {
            throw new ApiException(503, "SHUTTING_DOWN", "The server is shutting down; reconnect shortly");
        }
        // In a blocking endpoint this is the request's context, which runs on the connection's event loop.
        Context context = Vertx.currentContext();
        if (context == null) {
            context = vertx.getOrCreateContext();
        }
        return new Subscriber(topic, key, ownerId, http.response(), context, bufferBytes, bus::unregister);
    }

    private void open(Subscriber subscriber, RoutingContext http, Supplier<List<StreamReads.Row>> batch) {
        List<Frame> frames = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try {
            for (StreamReads.Row row : batch.get()) {
                frames.add(Frame.unsequenced(row.id(), bus.frame(row.id(), row.event(), row.payload())));
                ids.add(row.id());
            }
        } catch (RuntimeException e) {
            subscriber.close();
            throw e;
        }
        open(subscriber, http, frames, ids);
    }

    private static void open(Subscriber subscriber, RoutingContext http, List<Frame> backlog, Set<String> skip) {
        HttpServerResponse response = http.response();
        response.setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Connection", "keep-alive")
                .setChunked(true)
                // sends the head now, before the subscriber may write from the event loop, so the
                // framework (which sends it too unless already sent) never races with it
                .write(Buffer.buffer());
        http.addEndHandler(done -> subscriber.close());
        subscriber.start(backlog, skip);
    }

    private static String present(String header) {
        return header == null || header.isEmpty() ? null : header;
    }
}
