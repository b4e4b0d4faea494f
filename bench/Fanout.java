import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live-stream fan-out against a running server, with the JDK's HTTP client: SUBSCRIBERS clients
 * hold the task stream of TASK open, then one writer posts RATE chat messages a second for
 * SECONDS seconds (each a real write: commit, then the stream event). Latency is measured per
 * delivery from just before the message's POST was sent to the moment its {@code data:} line
 * reached a subscriber, so it is an upper bound of commit-to-delivery (it includes the request
 * and the commit). Prints the server's RSS once all streams are open (with SERVER_PID set), and
 * one RESULT line.
 *
 * <pre>java bench/Fanout.java URL TOKEN TASK SUBSCRIBERS RATE SECONDS</pre>
 */
public class Fanout {

    static final String MARK = "fanout-";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        String task = args[2];
        int subscribers = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int events = rate * seconds;
        long[] sent = new long[events];
        long[] latencies = new long[events * subscribers];
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest stream = HttpRequest.newBuilder(URI.create(url + "/api/tasks/" + task + "/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        for (int i = 0; i < subscribers; i++) {
            client.sendAsync(stream, HttpResponse.BodyHandlers.ofPublisher()).thenAccept(response -> {
                if (response.statusCode() == 200) {
                    open.incrementAndGet();
                    response.body().subscribe(new Lines(sent, latencies, delivered));
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (open.get() < subscribers && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1000);
        System.out.println("streams open: " + open.get() + (System.getenv("SERVER_PID") == null ? ""
                : ", server RSS " + rss(System.getenv("SERVER_PID")) + " MiB"));

        HttpClient writer = HttpClient.newHttpClient();
        long start = System.nanoTime();
        int errors = 0;
        for (int n = 0; n < events; n++) {
            long due = start + n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            HttpRequest post = HttpRequest.newBuilder(URI.create(url + "/api/tasks/" + task + "/messages"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"sender_type\":\"user\",\"content\":\"" + MARK + n + "\"}"))
                    .build();
            sent[n] = System.nanoTime();
            if (writer.send(post, HttpResponse.BodyHandlers.discarding()).statusCode() != 201) {
                errors++;
            }
        }
        long expected = (long) events * open.get();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int got = delivered.get();
        long[] sorted = Arrays.copyOf(latencies, got);
        Arrays.sort(sorted);
        System.out.printf("RESULT requests=%d seconds=%.3f p50=%.3f p99=%.3f max=%.3f errors=%d%n", got, elapsed,
                pick(sorted, 0.50), pick(sorted, 0.99), got == 0 ? 0 : sorted[got - 1] / 1e6,
                errors + (expected - got) + (subscribers - open.get()));
        System.exit(0);
    }

    static double pick(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1e6;
    }

    static long rss(String pid) throws Exception {
        List<String> status = Files.readAllLines(Path.of("/proc", pid, "status"));
        return status.stream().filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(0) / 1024;
    }

    /** Splits one stream into lines and times every {@code data:} line that carries a message mark. */
    static final class Lines implements Flow.Subscriber<List<ByteBuffer>> {
        final long[] sent;
        final long[] latencies;
        final AtomicInteger delivered;
        final StringBuilder line = new StringBuilder();

        Lines(long[] sent, long[] latencies, AtomicInteger delivered) {
            this.sent = sent;
            this.latencies = latencies;
            this.delivered = delivered;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long now = System.nanoTime();
            for (ByteBuffer buffer : buffers) {
                String text = StandardCharsets.UTF_8.decode(buffer).toString();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '\n') {
                        seen(line, now);
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
            }
        }

        private void seen(CharSequence text, long now) {
            String s = text.toString();
            int at = s.startsWith("data:") ? s.indexOf(MARK) : -1;
            if (at < 0) {
                return;
            }
            int end = at + MARK.length();
            while (end < s.length() && Character.isDigit(s.charAt(end))) {
                end++;
            }
            int n = Integer.parseInt(s.substring(at + MARK.length(), end));
            int slot = delivered.getAndIncrement();
            if (slot < latencies.length) {
                latencies[slot] = now - sent[n];
            }
        }

        @Override
        public void onError(Throwable e) {
        }

        @Override
        public void onComplete() {
        }
    }
}
