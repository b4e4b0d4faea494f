package dev.agentkanban.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.Server;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A stand-in daemon on the relay socket ({@code role=daemon}), as the {@code ak} daemon opens it. */
final class RelayDaemon implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final BlockingQueue<Map<String, Object>> frames;

    private RelayDaemon(WebSocket socket, BlockingQueue<Map<String, Object>> frames) {
        this.socket = socket;
        this.frames = frames;
    }

    /** The open socket, or null when this server has no relay to open one on. */
    static RelayDaemon connect(String apiKey) throws InterruptedException {
        BlockingQueue<Map<String, Object>> frames = new LinkedBlockingQueue<>();
        URI uri = URI.create(Server.url().replaceFirst("^http", "ws") + "/api/tunnel/ws?role=daemon&token="
                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(uri, new Listener(frames)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new RelayDaemon(socket, frames);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    void send(Map<String, Object> frame) throws Exception {
        socket.sendText(JSON.writeValueAsString(frame), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next frame of this type; frames of other types are passed over. */
    Map<String, Object> next(String type) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            Map<String, Object> frame = frames.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && type.equals(frame.get("type"))) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame reached the daemon socket within " + WAIT);
    }

    @Override
    public void close() {
        socket.sendClose(1000, "daemon shutdown");
    }

    private record Listener(BlockingQueue<Map<String, Object>> frames) implements WebSocket.Listener {

        private static final StringBuilder PART = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            synchronized (PART) {
                PART.append(data);
                if (last) {
                    try {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> frame = JSON.readValue(PART.toString(), Map.class);
                        frames.add(frame);
                    } catch (java.io.IOException e) {
                        frames.add(Map.of("type", "unreadable", "text", PART.toString()));
                    }
                    PART.setLength(0);
                }
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
