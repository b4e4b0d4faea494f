package dev.agentkanban.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.board.BoardChecks;
import dev.agentkanban.task.TaskEvent;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The in-process event bus behind the live streams (design: pushed after commit, no polling).
 * Committed {@link TaskEvent}s are encoded once, appended to a bounded history and handed to the
 * matching subscribers' queues, all under one lock so every subscriber sees history order and a
 * resuming client gets neither a gap nor a duplicate. Handing over never blocks: writing to the
 * sockets happens on their event loops.
 */
@ApplicationScoped
public class StreamBus {

    private static final Logger LOG = Logger.getLogger(StreamBus.class);

    private final ObjectMapper json;
    private final Vertx vertx;
    private final BoardChecks boards;
    private final Duration keepAlive;
    private final History history;
    private final Map<Key, Set<Subscriber>> byKey = new HashMap<>();
    private final Set<Subscriber> all = new LinkedHashSet<>();
    private long timer = -1;
    private volatile boolean closing;

    StreamBus(ObjectMapper json, Vertx vertx, BoardChecks boards, StreamConfig config) {
        this.json = json;
        this.vertx = vertx;
        this.boards = boards;
        this.keepAlive = config.keepAlive();
        StreamConfig.History kept = config.history();
        this.history = new History(kept.maxEvents(), kept.maxBytes().asLongValue(), kept.maxAge().toMillis());
    }

    private record Key(Topic topic, String id) {
    }

    void started(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(keepAlive.toMillis(), id -> tick());
    }

    /**
     * Shutdown begins: end every stream so the graceful wait for open requests is not spent on
     * streams that never finish by themselves. Clients reconnect and resume elsewhere or later.
     */
    void draining(@Observes ShutdownDelayInitiatedEvent event) {
        closing = true;
        snapshot().forEach(Subscriber::end);
    }

    void stopping(@Observes ShutdownEvent event) {
        closing = true;
        vertx.cancelTimer(timer);
        snapshot().forEach(Subscriber::end);
    }

    /** True once shutdown began: no new stream is opened. */
    boolean closing() {
        return closing;
    }

    /** Only committed changes are shown: observers in this phase are not called after a rollback. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskEvent event) {
        try {
            publish(event);
        } catch (RuntimeException e) {
            // the change is committed; a stream missing it must not turn into a failed request
            LOG.errorf(e, "Could not publish %s event for task %s", event.type(), event.taskId());
        }
    }

    void publish(TaskEvent event) {
        Topic topic = Topic.of(event.type());
        JsonNode payload = json.valueToTree(event.payload());
        String id = payload.path("id").asText(null);
        if (id == null || id.isEmpty() || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("event payload has no usable id");
        }
        String key = topic == Topic.BOARD ? event.boardId() : event.taskId();
        byte[] bytes = Frame.encode(id, event.type(), encode(payload));
        long now = System.currentTimeMillis();
        List<Subscriber> overflowed = new ArrayList<>();
        synchronized (this) {
            history.evictOlderThan(now);
            Frame frame = history.add(new Frame(0, topic, event.ownerId(), key, id, bytes, now));
            Set<Subscriber> subscribers = byKey.get(new Key(topic, key));
            if (subscribers != null) {
                for (Subscriber subscriber : subscribers) {
                    if (subscriber.matches(frame) && !subscriber.offer(frame)) {
                        overflowed.add(subscriber);
                    }
                }
            }
        }
        for (Subscriber subscriber : overflowed) {
            LOG.infof("Disconnecting a %s stream client that fell more than the buffer behind", subscriber.topic);
            subscriber.disconnect();
        }
    }

    /**
     * Registers the subscriber if {@code lastId} is still in the history, and returns what it
     * missed since then; null (and nothing registered) when the id is not held.
     */
    synchronized List<Frame> resume(Subscriber subscriber, String lastId) {
        List<Frame> missed = history.after(subscriber.topic, lastId, subscriber::matches);
        if (missed != null) {
            add(subscriber);
        }
        return missed;
    }

    /** Registers the subscriber; what is published from now on is queued for it. */
    synchronized void register(Subscriber subscriber) {
        add(subscriber);
    }

    synchronized void unregister(Subscriber subscriber) {
        all.remove(subscriber);
        if (subscriber.key != null) {
            Key key = new Key(subscriber.topic, subscriber.key);
            Set<Subscriber> subscribers = byKey.get(key);
            if (subscribers != null && subscribers.remove(subscriber) && subscribers.isEmpty()) {
                byKey.remove(key);
            }
        }
    }

    /** Open streams right now. */
    public synchronized int subscribers() {
        return all.size();
    }

    byte[] frame(String id, String event, Object payload) {
        return Frame.encode(id, event, encode(json.valueToTree(payload)));
    }

    private void add(Subscriber subscriber) {
        all.add(subscriber);
        if (subscriber.key != null) {
            byKey.computeIfAbsent(new Key(subscriber.topic, subscriber.key), k -> new LinkedHashSet<>()).add(subscriber);
        }
    }

    private synchronized List<Subscriber> snapshot() {
        return new ArrayList<>(all);
    }

    /** Keep-alive comments for every stream, and housekeeping that needs no event to trigger it. */
    private void tick() {
        synchronized (this) {
            history.evictOlderThan(System.currentTimeMillis());
        }
        List<Subscriber> shared = new ArrayList<>();
        for (Subscriber subscriber : snapshot()) {
            if (subscriber.isGone()) {
                subscriber.close();
            } else if (!subscriber.offer(Frame.KEEP_ALIVE)) {
                subscriber.disconnect();
            } else if (subscriber.shareSlug != null) {
                shared.add(subscriber);
            }
        }
        if (!shared.isEmpty()) {
            vertx.executeBlocking(() -> endUnshared(shared), false);
        }
    }

    /** A board made private again stops streaming to the public (off the event loop: it reads the database). */
    private Void endUnshared(List<Subscriber> shared) {
        Set<String> still = boards.stillShared(shared.stream().map(s -> s.shareSlug).collect(Collectors.toSet()));
        for (Subscriber subscriber : shared) {
            if (!still.contains(subscriber.shareSlug)) {
                subscriber.end();
            }
        }
        return null;
    }

    private String encode(JsonNode payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable", e);
        }
    }
}
