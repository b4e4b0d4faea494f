package dev.agentkanban.relay;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/tunnel/ws} (auth spec route 58). Every upgrade is answered (101) and only then
 * judged: Node's WebSocket never reports a close for a refused upgrade, and the daemon would wait
 * for it forever, so a refusal is a close frame with a 44xx code.
 */
@WebSocket(path = RelaySocket.PATH)
public class RelaySocket {

    static final String PATH = "/api/tunnel/ws";

    private static final Logger LOG = Logger.getLogger(RelaySocket.class);
    private static final TypedKey<Peer> PEER = new TypedKey<>("relay.peer");

    @Inject
    RelayAccess access;

    @Inject
    Relay relay;

    @OnOpen
    void open(WebSocketConnection connection) {
        try {
            Peer peer = access.admit(connection);
            connection.userData().put(PEER, peer);
            relay.opened(peer);
        } catch (Refusal refusal) {
            close(connection, refusal.toReason());
        }
    }

    @OnTextMessage
    void text(WebSocketConnection connection, String message) {
        Peer peer = connection.userData().get(PEER);
        if (peer != null) {
            relay.received(peer, message);
        }
    }

    @OnBinaryMessage
    void binary(WebSocketConnection connection, Buffer message) {
        close(connection, Close.NOT_TEXT.toReason());
    }

    /** On the event loop: a pong only marks the socket alive. */
    @OnPongMessage
    @NonBlocking
    void pong(WebSocketConnection connection, Buffer data) {
        Peer peer = connection.userData().get(PEER);
        if (peer != null) {
            peer.touch();
        }
    }

    @OnClose
    void closed(WebSocketConnection connection) {
        Peer peer = connection.userData().get(PEER);
        if (peer != null) {
            relay.closed(peer);
        }
    }

    /**
     * A message over the cap arrives here from the message aggregator (1009), a broken frame from
     * the frame decoder; anything else but a vanished client is a bug of ours (1011).
     */
    @OnError
    void failed(WebSocketConnection connection, Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupt
                && corrupt.closeStatus().code() != Close.TOO_BIG.code) {
            close(connection, new CloseReason(corrupt.closeStatus().code(), corrupt.closeStatus().reasonText()));
        } else if (failure instanceof CorruptedWebSocketFrameException || failure instanceof IllegalStateException
                && String.valueOf(failure.getMessage()).contains("max message size")) {
            close(connection, Close.TOO_BIG.toReason());
        } else if (failure instanceof HttpClosedException) {
            LOG.debugf("Relay client went away without a close frame");
        } else {
            LOG.errorf(failure, "Relay socket failed");
            close(connection, Close.FAILED.toReason());
        }
    }

    private static void close(WebSocketConnection connection, CloseReason why) {
        Peer peer = connection.userData().get(PEER);
        if (peer != null) {
            peer.close(why);
        } else if (connection.isOpen()) {
            connection.close(why).subscribe().with(done -> {
            }, failed -> LOG.debugf("Relay close failed: %s", failed));
        }
    }
}
