package dev.agentkanban.relay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's routes within this process. Frames are only looked up and handed over here, never
 * waited for. Comings and goings take one lock, so a browser's first presence frame and later
 * transitions arrive in the order they happened.
 */
@ApplicationScoped
class LocalRoutes implements RelayRoutes {

    static final String CONNECTED = "{\"type\":\"daemon:connected\"}";
    static final String DISCONNECTED = "{\"type\":\"daemon:disconnected\"}";
    /** How long a history request waits for the daemon's answer (as the original). */
    static final Duration ANSWER_WINDOW = Duration.ofSeconds(10);

    private final Map<String, Peer> daemons = new ConcurrentHashMap<>();
    private final Map<String, Set<Peer>> watchersBySession = new ConcurrentHashMap<>();
    private final Map<String, Set<Peer>> watchersByMachine = new ConcurrentHashMap<>();
    private final Cache<String, Peer> askers = Caffeine.newBuilder().expireAfterWrite(ANSWER_WINDOW)
            .maximumSize(100_000).build();

    @Override
    public synchronized void attach(Peer peer) {
        if (peer.isDaemon()) {
            Peer older = daemons.put(peer.machineId, peer);
            if (older != null) {
                older.close(Close.SUPERSEDED);
            } else {
                presence(peer.machineId, CONNECTED);
            }
            return;
        }
        watchersBySession.computeIfAbsent(peer.sessionId, k -> ConcurrentHashMap.newKeySet()).add(peer);
        watchersByMachine.computeIfAbsent(peer.machineId, k -> ConcurrentHashMap.newKeySet()).add(peer);
        peer.send(daemons.containsKey(peer.machineId) ? CONNECTED : DISCONNECTED);
    }

    @Override
    public synchronized void detach(Peer peer) {
        if (peer.isDaemon()) {
            if (daemons.remove(peer.machineId, peer)) {
                presence(peer.machineId, DISCONNECTED);
            }
            return;
        }
        forget(watchersBySession, peer.sessionId, peer);
        forget(watchersByMachine, peer.machineId, peer);
    }

    @Override
    public void toWatchers(String ownerId, String sessionId, String frame) {
        Set<Peer> watchers = watchersBySession.get(sessionId);
        if (watchers != null) {
            for (Peer watcher : watchers) {
                if (watcher.ownerId.equals(ownerId)) {
                    watcher.send(frame);
                }
            }
        }
    }

    @Override
    public boolean toDaemon(String ownerId, String machineId, String frame) {
        Peer daemon = daemons.get(machineId);
        if (daemon == null || !daemon.ownerId.equals(ownerId)) {
            return false;
        }
        daemon.send(frame);
        return true;
    }

    @Override
    public void expectAnswer(String requestId, Peer browser) {
        askers.put(requestId, browser);
    }

    @Override
    public boolean answer(Peer daemon, String requestId, String frame) {
        Peer asker = askers.getIfPresent(requestId);
        if (asker == null || !asker.machineId.equals(daemon.machineId) || !asker.ownerId.equals(daemon.ownerId)) {
            return false;
        }
        askers.invalidate(requestId);
        asker.send(frame);
        return true;
    }

    private void presence(String machineId, String frame) {
        Set<Peer> watchers = watchersByMachine.get(machineId);
        if (watchers != null) {
            watchers.forEach(w -> w.send(frame));
        }
    }

    private static void forget(Map<String, Set<Peer>> index, String key, Peer peer) {
        index.computeIfPresent(key, (k, peers) -> {
            peers.remove(peer);
            return peers.isEmpty() ? null : peers;
        });
    }
}
