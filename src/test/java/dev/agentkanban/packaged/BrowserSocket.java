package dev.agentkanban.packaged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A browser's relay socket for one agent session: keeps every frame it receives, in order. */
final class BrowserSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    private BrowserSocket(String url) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), new Collector()).get(10, TimeUnit.SECONDS);
    }

    static BrowserSocket open(Account account, String sessionId) throws Exception {
        return new BrowserSocket(account.browserRelay(sessionId));
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The first frame so far, or arriving within the wait, that matches; fails with every frame seen otherwise. */
    JsonNode await(String what, Predicate<JsonNode> match, Duration wait) throws InterruptedException {
        return awaitFrom(0, what, match, wait);
    }

    /** How many frames arrived so far: {@link #awaitFrom} then looks only at later ones. */
    int mark() {
        return frames.size();
    }

    JsonNode awaitFrom(int mark, String what, Predicate<JsonNode> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            for (JsonNode frame : frames.subList(mark, frames.size())) {
                if (match.test(frame)) {
                    return frame;
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + what + " frame within " + wait + "; frames: " + frames);
    }

    static Predicate<JsonNode> type(String type) {
        return frame -> type.equals(frame.path("type").asText());
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    frames.add(JSON.getNodeFactory().textNode("not JSON: " + partial));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(JSON.createObjectNode().put("type", "closed").put("code", statusCode).put("reason", reason));
            return null;
        }
    }
}
