import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Leader race benchmark: against a running server, signs up a fresh user, creates an API key,
 * registers a machine, then runs ROUNDS rounds of N concurrent "create leader" requests (same
 * owner and runtime, distinct usernames), deleting the winner after each round. Prints how many
 * requests were created (201), refused by the leader rule (409) and failed (5xx or other).
 *
 * Usage: java LeaderRace.java [base-url] [N] [ROUNDS]   (JDK 17+, no dependencies)
 */
public class LeaderRace {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;

        String email = "race-" + UUID.randomUUID() + "@example.com";
        String token = field(send(base, "POST", "/api/auth/sign-up/email", null,
                "{\"name\":\"Race\",\"email\":\"" + email + "\",\"password\":\"race password 123\"}"), "token");
        String key = field(send(base, "POST", "/api/auth/api-key/create", token, "{\"name\":\"race\"}"), "key");
        send(base, "POST", "/api/machines", key, "{\"name\":\"race\",\"os\":\"linux\",\"version\":\"1.0.0\","
                + "\"runtimes\":[],\"device_id\":\"" + UUID.randomUUID().toString().substring(0, 16) + "\"}");

        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long created = 0, refused = 0, failed = 0, badRounds = 0;
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            CyclicBarrier barrier = new CyclicBarrier(parallel);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                String body = "{\"username\":\"r" + UUID.randomUUID().toString().replace("-", "").substring(0, 20)
                        + "\",\"runtime\":\"claude\",\"kind\":\"leader\"}";
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                        return send(base, "POST", "/api/agents", key, body);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, pool));
            }
            String winner = null;
            int roundCreated = 0;
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.join();
                if (r.statusCode() == 201) {
                    roundCreated++;
                    winner = field(r, "id");
                } else if (r.statusCode() == 409 && r.body().contains("Leader agent for runtime")) {
                    refused++;
                } else {
                    failed++;
                    System.out.println("unexpected " + r.statusCode() + " " + r.body());
                }
            }
            created += roundCreated;
            if (roundCreated != 1) {
                badRounds++;
            }
            if (winner != null) {
                send(base, "DELETE", "/api/agents/" + winner, token, null);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        System.out.printf("rounds=%d parallel=%d created=%d refused409=%d failed=%d roundsWithoutExactlyOneLeader=%d "
                + "seconds=%.2f requestsPerSecond=%.0f%n", rounds, parallel, created, refused, failed, badRounds,
                seconds, rounds * parallel / seconds);
        if (failed > 0 || badRounds > 0) {
            System.exit(1);
        }
    }

    static HttpResponse<String> send(String base, String method, String path, String bearer, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(HttpResponse<String> r, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(r.body());
        if (r.statusCode() >= 300 || !m.find()) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }
}
