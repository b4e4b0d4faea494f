package dev.agentkanban.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The relay's frame rules (client protocol 6.9): what a daemon and a browser may send and where
 * it goes. A daemon's frames about a session reach only browsers of its owner watching that
 * session, and only for sessions that run on its own machine.
 */
@ApplicationScoped
class Relay {

    private static final Logger LOG = Logger.getLogger(Relay.class);
    static final String PONG = "{\"type\":\"pong\"}";

    private final RelayRoutes routes;
    private final RelayAccess access;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final long idleNanos;
    private final Set<Peer> open = ConcurrentHashMap.newKeySet();
    private long sweeper = -1;

    Relay(RelayRoutes routes, RelayAccess access, ObjectMapper json, Vertx vertx, RelayConfig config) {
        this.routes = routes;
        this.access = access;
        this.json = json;
        this.vertx = vertx;
        this.idleNanos = config.idleTimeout().toNanos();
    }

    void started(@Observes StartupEvent event) {
        sweeper = vertx.setPeriodic(Math.max(100, idleNanos / 4_000_000), id -> closeIdle());
    }

    /** Shutdown begins: clients reconnect elsewhere or later, instead of holding the graceful wait. */
    void draining(@Observes ShutdownDelayInitiatedEvent event) {
        open.forEach(peer -> peer.close(Close.SHUTDOWN));
    }

    void stopping(@Observes ShutdownEvent event) {
        vertx.cancelTimer(sweeper);
        open.forEach(peer -> peer.close(Close.SHUTDOWN));
    }

    void opened(Peer peer) {
        open.add(peer);
        routes.attach(peer);
    }

    /** Open sockets of this role, for the metrics. */
    long open(Peer.Role role) {
        return open.stream().filter(p -> p.role == role).count();
    }

    void closed(Peer peer) {
        open.remove(peer);
        routes.detach(peer);
    }

    void received(Peer peer, String text) {
        peer.touch();
        JsonNode frame = parse(text);
        String type = frame == null ? null : text(frame, "type");
        if (type == null) {
            peer.send(error("BAD_FRAME", "A frame is a JSON object with a string \"type\""));
        } else if (type.equals("ping")) {
            peer.send(PONG);
        } else if (peer.isDaemon()) {
            fromDaemon(peer, type, frame, text);
        } else {
            fromBrowser(peer, type, frame);
        }
    }

    private void fromDaemon(Peer daemon, String type, JsonNode frame, String text) {
        switch (type) {
            case "agent:event", "agent:status" -> {
                String sessionId = text(frame, "sessionId");
                if (sessionId == null) {
                    daemon.send(error("BAD_FRAME", type + " needs a string sessionId"));
                } else if (runsHere(daemon, sessionId)) {
                    routes.toWatchers(daemon.ownerId, sessionId, text);
                } else {
                    daemon.send(error("UNKNOWN_SESSION", "Session " + sessionId + " does not run on this machine"));
                }
            }
            case "session:history" -> {
                String requestId = text(frame, "requestId");
                if (requestId == null || !routes.answer(daemon, requestId, text)) {
                    LOG.debugf("History answer of machine %s for no waiting request; dropped", daemon.machineId);
                }
            }
            default -> daemon.send(error("UNKNOWN_TYPE", "Unknown frame type \"" + type + "\""));
        }
    }

    private void fromBrowser(Peer browser, String type, JsonNode frame) {
        String sessionId = text(frame, "sessionId");
        if (sessionId != null && !sessionId.equals(browser.sessionId)) {
            browser.send(error("WRONG_SESSION", "This socket watches session " + browser.sessionId));
            return;
        }
        switch (type) {
            case "human:message" -> {
                String content = text(frame, "content");
                if (content == null) {
                    browser.send(error("BAD_FRAME", "human:message needs a string content"));
                    return;
                }
                ObjectNode out = json.createObjectNode().put("type", "human:message")
                        .put("sessionId", browser.sessionId).put("content", content);
                if (!routes.toDaemon(browser.ownerId, browser.machineId, out.toString())) {
                    browser.send(daemonOffline());
                }
            }
            case "request:history" -> {
                String requestId = UUID.randomUUID().toString();
                ObjectNode out = json.createObjectNode().put("type", "request:history")
                        .put("sessionId", browser.sessionId).put("requestId", requestId);
                routes.expectAnswer(requestId, browser);
                if (!routes.toDaemon(browser.ownerId, browser.machineId, out.toString())) {
                    browser.send(daemonOffline());
                }
            }
            default -> browser.send(error("UNKNOWN_TYPE", "Unknown frame type \"" + type + "\""));
        }
    }

    /** Checked once per session and daemon socket; sessions never move between machines. */
    private boolean runsHere(Peer daemon, String sessionId) {
        if (daemon.knows(sessionId)) {
            return true;
        }
        if (access.runsOn(daemon.ownerId, daemon.machineId, sessionId)) {
            daemon.learn(sessionId);
            return true;
        }
        return false;
    }

    private void closeIdle() {
        for (Peer peer : open) {
            if (peer.silentFor(idleNanos)) {
                peer.close(Close.IDLE);
            }
        }
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private String daemonOffline() {
        return error("DAEMON_OFFLINE", "The daemon running this session is not connected");
    }

    private String error(String code, String message) {
        return json.createObjectNode().put("type", "error").put("code", code).put("message", message).toString();
    }
}
