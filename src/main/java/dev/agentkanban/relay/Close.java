package dev.agentkanban.relay;

import io.quarkus.websockets.next.CloseReason;

/** Why the relay closes a socket: the codes a client sees (README "Relay"). */
enum Close {
    /** A newer daemon socket of the same machine took over. */
    SUPERSEDED(4000, "superseded"),
    /** Nothing arrived, not even a pong, for the idle window. */
    IDLE(4408, "idle timeout"),
    /** More than the send buffer waited for this client: it stopped reading. */
    TOO_SLOW(4429, "too slow: send buffer full"),
    NOT_TEXT(1003, "frames are JSON text"),
    TOO_BIG(1009, "message too big"),
    SHUTDOWN(1001, "server shutting down"),
    FAILED(1011, "internal error");

    static final int BAD_REQUEST = 4400;
    static final int UNAUTHORIZED = 4401;
    static final int FORBIDDEN = 4403;
    static final int NOT_FOUND = 4404;

    final int code;
    final String reason;

    Close(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    CloseReason toReason() {
        return new CloseReason(code, reason);
    }
}
