package dev.agentkanban.relay;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One admitted relay socket. Sending never blocks the sender: frames are handed to the socket's
 * event loop, and a client that lets more than its buffer wait is dropped.
 */
final class Peer {

    private static final Logger LOG = Logger.getLogger(Peer.class);
    /** A daemon remembers this many of its verified sessions; past that it starts over. */
    private static final int MAX_KNOWN_SESSIONS = 10_000;

    enum Role {
        DAEMON, BROWSER
    }

    final Role role;
    final String ownerId;
    /** The daemon's machine, or the machine running the browser's session. */
    final String machineId;
    /** The agent session a browser watches; null for daemons. */
    final String sessionId;

    private final WebSocketConnection connection;
    private final long bufferBytes;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Set<String> knownSessions = ConcurrentHashMap.newKeySet();
    private volatile long lastSeen = System.nanoTime();

    private Peer(Role role, String ownerId, String machineId, String sessionId, WebSocketConnection connection,
            long bufferBytes) {
        this.role = role;
        this.ownerId = ownerId;
        this.machineId = machineId;
        this.sessionId = sessionId;
        this.connection = connection;
        this.bufferBytes = bufferBytes;
    }

    static Peer daemon(String ownerId, String machineId, WebSocketConnection connection, long bufferBytes) {
        return new Peer(Role.DAEMON, ownerId, machineId, null, connection, bufferBytes);
    }

    static Peer browser(String ownerId, String machineId, String sessionId, WebSocketConnection connection,
            long bufferBytes) {
        return new Peer(Role.BROWSER, ownerId, machineId, sessionId, connection, bufferBytes);
    }

    boolean isDaemon() {
        return role == Role.DAEMON;
    }

    void send(String frame) {
        if (closing.get()) {
            return;
        }
        long size = frame.length();
        if (waiting.addAndGet(size) > bufferBytes) {
            LOG.infof("Relay %s socket of machine %s stopped reading; dropping it", role, machineId);
            close(Close.TOO_SLOW.toReason());
            return;
        }
        connection.sendText(frame).subscribe().with(done -> waiting.addAndGet(-size), failed -> waiting.addAndGet(-size));
    }

    void close(Close why) {
        close(why.toReason());
    }

    void close(CloseReason reason) {
        if (closing.compareAndSet(false, true) && connection.isOpen()) {
            connection.close(reason).subscribe().with(done -> {
            }, failed -> LOG.debugf("Relay close failed: %s", failed));
        }
    }

    void touch() {
        lastSeen = System.nanoTime();
    }

    boolean silentFor(long nanos) {
        return System.nanoTime() - lastSeen > nanos;
    }

    /** True once this daemon's frames about the session were checked to belong to its machine. */
    boolean knows(String session) {
        return knownSessions.contains(session);
    }

    void learn(String session) {
        if (knownSessions.size() >= MAX_KNOWN_SESSIONS) {
            knownSessions.clear();
        }
        knownSessions.add(session);
    }
}
