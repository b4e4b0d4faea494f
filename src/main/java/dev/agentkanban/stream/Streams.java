package dev.agentkanban.stream;

import dev.agentkanban.board.BoardChecks;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.task.TaskLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

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
    private final TaskLog log;
    private final BoardChecks boards;
    private final Vertx vertx;
    private final long bufferBytes;

    Streams(StreamBus bus, TaskLog log, BoardChecks boards, Vertx vertx, StreamConfig config) {
        this.bus = bus;
        this.log = log;
        this.boards = boards;
        this.vertx = vertx;
        this.bufferBytes = config.subscriberBuffer().asLongValue();
    }

    /** Task stream (api spec 11.1): notes and messages of one task of the owner. */
    public void task(String ownerId, String taskId, String lastEventId, RoutingContext http, SseEventSink sink) {
        if (!log.owns(ownerId, taskId)) {
            throw ApiException.notFound("Task not found");
        }
        Subscriber subscriber = subscriber(Topic.TASK, taskId, ownerId, null, http, sink);
        String last = present(lastEventId);
        List<Frame> missed = last == null ? null : bus.resume(subscriber, last);
        if (missed != null) {
            open(subscriber, http, () -> new Backlog(missed, Set.of()));
            return;
        }
        TaskLog.Cursor cursor = last == null ? null : log.cursor(last).orElseThrow(() -> new ApiException(400,
                "INVALID_LAST_EVENT_ID", "Unknown event ID, reconnect without Last-Event-ID"));
        bus.register(subscriber);
        open(subscriber, http, () -> batch(cursor == null
                ? log.latestOfTask(taskId, TASK_BATCH)
                : log.taskAfter(taskId, cursor)));
    }

    /** Board stream (api spec 11.2): silently empty for a board the owner does not hold. */
    public void board(String ownerId, String boardId, String lastEventId, RoutingContext http, SseEventSink sink) {
        boolean visible = boards.owns(ownerId, boardId);
        shown(subscriber(Topic.BOARD, visible ? boardId : null, ownerId, null, http, sink), lastEventId, http);
    }

    /**
     * Share stream (api spec 11.3): the board stream of a public board, for anyone. It ends when
     * the board stops being public (checked with every keep-alive).
     */
    public void shared(String slug, String lastEventId, RoutingContext http, SseEventSink sink) {
        BoardChecks.Shared board = boards.shared(slug)
                .orElseThrow(() -> ApiException.notFound("Board not found"));
        shown(subscriber(Topic.BOARD, board.id(), board.ownerId(), slug, http, sink), lastEventId, http);
    }

    /**
     * The original ignores Last-Event-ID here and replays the last five minutes; we resume
     * exactly when the id is still in the history and fall back to the window otherwise.
     */
    private void shown(Subscriber subscriber, String lastEventId, RoutingContext http) {
        if (subscriber.key == null) {
            bus.register(subscriber);
            open(subscriber, http, () -> new Backlog(List.of(), Set.of()));
            return;
        }
        String last = present(lastEventId);
        List<Frame> missed = last == null ? null : bus.resume(subscriber, last);
        if (missed != null) {
            open(subscriber, http, () -> new Backlog(missed, Set.of()));
            return;
        }
        bus.register(subscriber);
        String since = Times.format(Instant.now().minus(BOARD_WINDOW));
        open(subscriber, http, () -> batch(log.recentOfBoard(subscriber.key, since, BOARD_BATCH)));
    }

    private Subscriber subscriber(Topic topic, String key, String ownerId, String shareSlug, RoutingContext http,
            SseEventSink sink) {
        if (bus.closing()) {
            throw new ApiException(503, "SHUTTING_DOWN", "The server is shutting down; reconnect shortly");
        }
        // In a blocking endpoint this is the request's context, which runs on the connection's event loop.
        Context context = Vertx.currentContext();
        if (context == null) {
            context = vertx.getOrCreateContext();
        }
        return new Subscriber(topic, key, ownerId, shareSlug, http.response(), sink, context, bufferBytes,
                bus::unregister);
    }

    /** What a stream writes first, and the ids of it that live events may repeat. */
    private record Backlog(List<Frame> frames, Set<String> ids) {
    }

    private Backlog batch(List<TaskLog.Row> rows) {
        List<Frame> frames = new ArrayList<>(rows.size());
        Set<String> ids = new HashSet<>();
        for (TaskLog.Row row : rows) {
            frames.add(Frame.unsequenced(row.id(), bus.frame(row.id(), row.event(), row.payload())));
            ids.add(row.id());
        }
        return new Backlog(frames, ids);
    }

    /** Sends the head and starts the registered subscriber; unregisters it if that fails. */
    private static void open(Subscriber subscriber, RoutingContext http, Supplier<Backlog> backlog) {
        try {
            Backlog first = backlog.get();
            http.response().setStatusCode(200)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("Connection", "keep-alive")
                    .setChunked(true)
                    // sends the head now, before the subscriber may write from the event loop, so the
                    // framework (which sends it too unless already sent) never races with it
                    .write(Buffer.buffer());
            http.addEndHandler(done -> subscriber.close());
            subscriber.start(first.frames(), first.ids());
        } catch (RuntimeException e) {
            subscriber.close();
            throw e;
        }
    }

    private static String present(String header) {
        return header == null || header.isEmpty() ? null : header;
    }
}
