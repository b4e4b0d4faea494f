package dev.agentkanban.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A relay socket ({@code /api/tunnel/ws}) opened with the JDK's WebSocket client: every text
 * frame it receives is queued, and its close frame is kept. Opening fails on any answer but 101.
 */
public final class RelayClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The code and reason of the close frame the server sent. */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RelayClient(String url) {
        socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create(url), new Listener()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The daemon's URL: api-url with ws, then {@code /api/tunnel/ws} and the query. */
    public static String url(String query) {
        return Server.url().replaceFirst("^http", "ws") + "/api/tunnel/ws" + (query.isEmpty() ? "" : "?" + query);
    }

    public static RelayClient open(String query) {
        return new RelayClient(url(query));
    }

    public static RelayClient openUrl(String url) {
        return new RelayClient(url);
    }

    /** The daemon's socket, opened exactly as the daemon opens it. */
    public static RelayClient daemon(String apiKey) {
        return open("role=daemon&token=" + encode(apiKey));
    }

    public static RelayClient browser(String loginToken, String sessionId) {
        return open("role=browser&sessionId=" + encode(sessionId) + "&token=" + encode(loginToken));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public RelayClient send(String frame) {
        socket.sendText(frame, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends one message in several frames. */
    public RelayClient sendFragmented(String frame, int parts) {
        int step = (frame.length() + parts - 1) / parts;
        for (int at = 0; at < frame.length(); at += step) {
            int end = Math.min(frame.length(), at + step);
            socket.sendText(frame.substring(at, end), end == frame.length()).join();
        }
        return this;
    }

    public RelayClient sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
        return this;
    }

    /** The next text frame, failing after 10 s without one. */
    public String next() {
        return poll(WAIT);
    }

    /** The next text frame, or null when none arrives in time. */
    public String poll(Duration within) {
        try {
            String frame = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null && within.equals(WAIT)) {
                throw new AssertionError("No frame within " + WAIT + " (closed: " + closed.getNow(null) + ")");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The server's close frame, failing when none arrives within 10 s. */
    public Closed closed() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
