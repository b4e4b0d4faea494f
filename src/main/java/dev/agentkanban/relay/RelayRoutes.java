package dev.agentkanban.relay;

/**
 * Where relay frames go: the daemon socket of each machine and the browser sockets watching each
 * agent session. {@link LocalRoutes} keeps them in this process; a PostgreSQL LISTEN/NOTIFY
 * implementation carries the same calls between server instances.
 */
interface RelayRoutes {

    /**
     * A daemon socket takes over its machine, closing an older one of the same machine; a browser
     * socket is told at once whether its session's daemon is connected.
     */
    void attach(Peer peer);

    void detach(Peer peer);

    /** An {@code agent:event} or {@code agent:status} frame, to the browsers watching the session. */
    void toWatchers(String ownerId, String sessionId, String frame);

    /** A frame for the daemon of a machine; false when none is connected. */
    boolean toDaemon(String ownerId, String machineId, String frame);

    /** Remembers which browser asked, so the daemon's answer can find it (for a short while). */
    void expectAnswer(String requestId, Peer browser);

    /** The daemon's answer to a request of {@link #expectAnswer}; false when nobody waits for it. */
    boolean answer(Peer daemon, String requestId, String frame);
}
