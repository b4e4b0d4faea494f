/**
 * The contract with the existing {@code ak} CLI and daemon (client protocol document), one test
 * class per flow; the client is not going to change, so a failure here is a server regression.
 *
 * <ul>
 * <li>3, 4 HTTP conventions and the agent JWT: {@link HttpConventionsFlowTest}</li>
 * <li>5 first-time setup: {@link FirstTimeSetupFlowTest}</li>
 * <li>6.2, 6.3, 6.8-6.10 daemon start, heartbeats, leader cleanup, relay, shutdown:
 * {@link DaemonStartFlowTest}</li>
 * <li>6.4-6.7 poll tick, dispatch, a worker's run, resume, PR monitor: {@link DaemonDispatchFlowTest}</li>
 * <li>7 identity create and restore, leader sessions: {@link IdentityFlowTest}</li>
 * <li>8 task commands: {@link TaskCommandsFlowTest}</li>
 * <li>9, 10 resource commands, wait, JSON types: {@link ResourceCommandsFlowTest}</li>
 * <li>11 version gate and error statuses: {@link ErrorReactionsFlowTest}</li>
 * </ul>
 *
 * <p>Every call goes through {@link dev.agentkanban.support.Cli}, which sends exactly the client's
 * headers and bodies and fails on any answer that is not JSON; {@link dev.agentkanban.support.Shape}
 * checks the JSON type of each field the client reads.
 *
 * <p>Deliberately not covered, and why:
 * <ul>
 * <li>The relay WebSocket ({@code /api/tunnel/ws}, 6.9) beyond the daemon's open and keep-alive:
 * its access rules, routing and limits are tested in {@code dev.agentkanban.relay}, including
 * with Node's own WebSocket as the daemon uses it.</li>
 * <li>429: the server has no rate limiter, so the daemon's 429 backoff is never triggered.</li>
 * <li>Live streams and share pages: no {@code ak} command or daemon call uses them (the web app
 * does).</li>
 * <li>{@code ak whoami}, {@code ak config}, {@code ak status/logs/stop} and {@code ak wait pr} make
 * no server call.</li>
 * </ul>
 *
 * <p>Where the document and the real client disagree, the tests follow the client: {@code describe
 * agent} prints a session's {@code started_at}, so sessions carry it (equal to {@code created_at},
 * which the original sent alone). A replayed JWT (the client's one retry after a connection reset)
 * is refused with 401, by design.
 */
package dev.agentkanban.conformance;
