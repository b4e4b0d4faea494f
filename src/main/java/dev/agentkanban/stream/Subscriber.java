package dev.agentkanban.stream;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One open stream. Publishers only enqueue (never block, never write); the connection's event
 * loop writes, and stops while the socket's write queue is full. What waits here is bounded in
 * bytes: a client that falls that far behind is disconnected and can resume with Last-Event-ID.
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class);
    /** Live events also present in the database batch are skipped for this long after start. */
    private static final long SKIP_WINDOW_MILLIS = 60_000;
    private static final int CHUNK_BYTES = 32 * 1024;

    final Topic topic;
    /** The task or board id; null for a stream that shows nothing (unknown or foreign board). */
    final String key;
    final String ownerId;
    /** Set for share streams: the slug that must stay public for the stream to stay open. */
    final String shareSlug;

    private final HttpServerResponse response;
    private final SseEventSink sink;
    private final Context context;
    private final long limitBytes;
    private final Consumer<Subscriber> onClose;
    private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    // touched on the event loop only
    private boolean started;
    private List<Frame> backlog = List.of();
    private int backlogAt;
    private Set<String> skip = Set.of();
    private long skipUntil;

    Subscriber(Topic topic, String key, String ownerId, String shareSlug, HttpServerResponse response,
            SseEventSink sink, Context context, long limitBytes, Consumer<Subscriber> onClose) {
        this.topic = topic;
        this.key = key;
        this.ownerId = ownerId;
        this.shareSlug = shareSlug;
        this.response = response;
        this.sink = sink;
        this.context = context;
        this.limitBytes = limitBytes;
        this.onClose = onClose;
    }

    boolean matches(Frame frame) {
        return key != null && frame.topic() == topic && key.equals(frame.key()) && ownerId.equals(frame.ownerId());
    }

    /** Enqueues a frame; false when that overflows the buffer (the caller then disconnects). */
    boolean offer(Frame frame) {
        if (closed.get()) {
            return true;
        }
        if (queuedBytes.addAndGet(frame.size()) > limitBytes) {
            return false;
        }
        queue.add(frame);
        schedule();
        return true;
    }

    /**
     * Begins writing: first the backlog (initial batch or replay), then what was queued since the
     * subscriber was registered, minus the ids in {@code skip} (already in the backlog).
     */
    void start(List<Frame> backlog, Set<String> skip) {
        context.runOnContext(v -> {
            this.backlog = backlog;
            this.skip = skip;
            this.skipUntil = System.currentTimeMillis() + SKIP_WINDOW_MILLIS;
            this.started = true;
            if (response.closed()) {
                close();
            } else {
                drain();
            }
        });
    }

    /** True when the client went away without us hearing of it (checked periodically). */
    boolean isGone() {
        return response.closed();
    }

    /** Forgets the stream; its connection is already gone or being closed. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onClose.accept(this);
        }
    }

    /** Drops a client that fell too far behind: closing the connection frees what the socket holds. */
    void disconnect() {
        close();
        context.runOnContext(v -> response.close());
    }

    /**
     * Ends the response normally (shutdown, board no longer shared); clients reconnect. Through
     * the sink, so the framework also finishes the request.
     */
    void end() {
        close();
        context.runOnContext(v -> sink.close());
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        scheduled.set(false);
        if (!started || closed.get()) {
            return;
        }
        try {
            while (!response.writeQueueFull()) {
                Buffer chunk = nextChunk();
                if (chunk == null) {
                    return;
                }
                response.write(chunk);
            }
            response.drainHandler(v -> drain());
        } catch (RuntimeException e) {
            LOG.debugf(e, "Stream write failed; closing");
            close();
        }
    }

    /**
     * The frames ready now, up to a chunk's worth, as one write (one system call for a burst).
     * The shared frame bytes are wrapped, not copied.
     */
    private Buffer nextChunk() {
        Frame frame = next();
        if (frame == null) {
            return null;
        }
        byte[] first = frame.bytes();
        int length = first.length;
        List<byte[]> more = null;
        while (length < CHUNK_BYTES && (frame = next()) != null) {
            if (more == null) {
                more = new ArrayList<>();
                more.add(first);
            }
            more.add(frame.bytes());
            length += frame.size();
        }
        return Buffer.buffer(more == null ? Unpooled.wrappedBuffer(first)
                : Unpooled.wrappedBuffer(more.toArray(new byte[0][])));
    }

    /** The next frame to write: the backlog first, then the live queue without what the backlog held. */
    private Frame next() {
        if (backlogAt < backlog.size()) {
            Frame frame = backlog.get(backlogAt++);
            if (backlogAt == backlog.size()) {
                backlog = List.of();
                backlogAt = 0;
            }
            return frame;
        }
        Frame frame;
        do {
            frame = queue.poll();
            if (frame != null) {
                queuedBytes.addAndGet(-frame.size());
            }
        } while (frame != null && skipped(frame));
        return frame;
    }

    private boolean skipped(Frame frame) {
        if (skip.isEmpty() || frame.id() == null) {
            return false;
        }
        if (System.currentTimeMillis() > skipUntil) {
            skip = Set.of();
            return false;
        }
        return skip.contains(frame.id());
    }
}
