package dev.agentkanban.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.auth.jwt.ReplayCache;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.RawHttp;
import dev.agentkanban.support.Team;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The abuse limits with small values, each client a different loopback address: sign-in per
 * address and per account (parallel guesses included), sign-up per address, API keys per user,
 * {@code X-Forwarded-For} only from the configured proxy, the agent-token replay memory bounded
 * under a flood, and the daemon's own traffic never limited.
 */
@QuarkusTest
@TestProfile(AbuseLimitsTest.SmallLimits.class)
class AbuseLimitsTest {

    private static final String PROXY = "127.0.0.9";
    private static final int PER_OWNER = 200;

    public static class SmallLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ak.limit.sign-in-per-address", "5/1h",
                    "ak.limit.sign-in-failures-per-account", "3/30s",
                    "ak.limit.sign-up-per-address", "10/1h",
                    "ak.limit.api-keys-per-user", "3/1h",
                    "ak.trusted-proxies", PROXY,
                    "ak.limit.jwt-replay-per-owner", Integer.toString(PER_OWNER),
                    "ak.limit.jwt-replay-total", "600");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ReplayCache replays;

    @Test
    void failedSignInsThrottleTheAccountForAMomentFromEveryAddress() throws Exception {
        Tenant tenant = Tenant.create();
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("127.0.0.2", tenant.email, "wrong password " + i, Map.of()).status()).isEqualTo(401);
        }
        RawHttp.Answer locked = signIn("127.0.0.2", tenant.email, "wrong password 4", Map.of());
        assertLimited(locked, "Too many failed sign-ins for this account", 10);

        RawHttp.Answer elsewhere = signIn("127.0.0.3", tenant.email, Tenant.PASSWORD, Map.of());
        assertThat(elsewhere.status()).as("the owner, while the account is throttled").isEqualTo(429);
        Thread.sleep(1000 * Long.parseLong(elsewhere.header("Retry-After")) + 100);
        assertThat(signIn("127.0.0.3", tenant.email, Tenant.PASSWORD, Map.of()).status())
                .as("the owner, once Retry-After has passed").isEqualTo(200);
    }

    @Test
    void parallelGuessesAtOneAccountGetNoMoreTriesThanSerialOnes() throws Exception {
        Tenant tenant = Tenant.create();
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String from = "127.0.1." + (i + 1);
            guesses.add(() -> signIn(from, tenant.email, "guess " + from, Map.of()).status());
        }
        List<Integer> statuses = runAll(guesses);
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(13);
    }

    @Test
    void oneAddressCannotSprayManyAccounts() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("127.0.0.4", unknownEmail(), "some password", Map.of()).status()).isEqualTo(401);
        }
        assertLimited(signIn("127.0.0.4", unknownEmail(), "some password", Map.of()),
                "Too many sign-in attempts from this address", 720);
        assertThat(signIn("127.0.0.10", unknownEmail(), "some password", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void signUpsAreLimitedPerAddress() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(signUp("127.0.0.5", Map.of()).status()).isEqualTo(200);
        }
        assertLimited(signUp("127.0.0.5", Map.of()), "Too many sign-ups from this address", 360);
        assertThat(signUp("127.0.0.6", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void apiKeyCreationIsLimitedPerUser() throws Exception {
        Tenant tenant = Tenant.create();
        for (int i = 0; i < 3; i++) {
            assertThat(createKey(tenant).status()).isEqualTo(200);
        }
        assertLimited(createKey(tenant), "Too many API keys created by this user", 1200);
        assertThat(createKey(Tenant.create()).status()).isEqualTo(200);
    }

    @Test
    void forwardedForCountsOnlyFromTheConfiguredProxy() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(PROXY, unknownEmail(), "pw", Map.of("X-Forwarded-For", "203.0.113.7")).status())
                    .isEqualTo(401);
        }
        assertThat(signIn(PROXY, unknownEmail(), "pw", Map.of("X-Forwarded-For", "203.0.113.7")).status())
                .as("the client behind the proxy is out of tokens").isEqualTo(429);
        assertThat(signIn(PROXY, unknownEmail(), "pw", Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.7"))
                .status()).as("entries left of the proxy's own are the client's word").isEqualTo(429);
        assertThat(signIn(PROXY, unknownEmail(), "pw", Map.of("X-Forwarded-For", "203.0.113.8")).status())
                .as("another client behind the proxy").isEqualTo(401);

        for (int i = 0; i < 5; i++) {
            signIn("127.0.0.11", unknownEmail(), "pw", Map.of("X-Forwarded-For", "192.0.2." + i));
        }
        assertThat(signIn("127.0.0.11", unknownEmail(), "pw", Map.of("X-Forwarded-For", "192.0.2.99")).status())
                .as("a made-up X-Forwarded-For from a direct client changes nothing").isEqualTo(429);
    }

    /** The daemon's traffic at far more than its normal rate: heartbeats, polls, claims, agent calls. */
    @Test
    void theDaemonsTrafficIsNeverLimited() {
        Team team = Team.create();
        for (int i = 0; i < 40; i++) {
            team.machine.cli().post("/api/machines/" + team.machine.id + "/heartbeat",
                    Map.of("version", "1.4.0", "runtimes", List.of("Claude Code"))).expect(200);
            team.machine.cli().get("/api/tasks?status=todo").expect(200);
            team.machine.cli().get("/api/agents").expect(200);
            String task = team.task("limited? " + i);
            team.worker.cli().post("/api/tasks/" + task + "/claim", Map.of()).expect(200);
        }
    }

    @Test
    void theReplayMemoryStaysBoundedUnderAFloodOfDistinctTokens() throws Exception {
        Agent flooder = Tenant.create().machine().worker();
        String first = flooder.token();
        assertThat(agentGet(first).status()).isEqualTo(200);
        List<Callable<Integer>> flood = new ArrayList<>();
        for (int i = 1; i < PER_OWNER + 100; i++) {
            flood.add(() -> agentGet(flooder.token()).status());
        }
        List<Integer> statuses = runAll(flood);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(PER_OWNER - 1);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(100);
        assertThat(replays.remembered()).isLessThanOrEqualTo(600);

        RawHttp.Answer over = agentGet(flooder.token());
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.header("Retry-After")).isEqualTo("71");
        assertThat(JSON.readTree(over.body()).path("error")).isEqualTo(JSON.readTree(
                "{\"code\":\"RATE_LIMITED\",\"message\":\"Too many requests\"}"));

        RawHttp.Answer replay = agentGet(first);
        assertThat(replay.status()).as("a remembered token is not forgotten to make room").isEqualTo(401);
        assertThat(replay.body()).contains("jti_replay");
        assertThat(agentGet(Tenant.create().machine().worker().token()).status())
                .as("another tenant is not affected").isEqualTo(200);
    }

    private static RawHttp.Answer agentGet(String token) throws IOException {
        return RawHttp.send("127.0.0.1", "GET", "/api/agents", Map.of("Authorization", "Bearer " + token), null);
    }

    /** A 429 in the auth endpoints' flat shape whose message and header name the same wait, at most {@code max} s. */
    private static void assertLimited(RawHttp.Answer answer, String what, long max) throws IOException {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("code").asText()).isEqualTo("RATE_LIMITED");
        long seconds = Long.parseLong(answer.header("Retry-After"));
        assertThat(seconds).isBetween(1L, max);
        assertThat(body.path("message").asText()).isEqualTo(what + "; try again in " + seconds + " s");
    }

    private static RawHttp.Answer signIn(String from, String email, String password, Map<String, String> headers)
            throws IOException {
        return RawHttp.postJson(from, "/api/auth/sign-in/email", headers,
                JSON.writeValueAsString(Map.of("email", email, "password", password)));
    }

    private static RawHttp.Answer signUp(String from, Map<String, String> headers) throws IOException {
        return RawHttp.postJson(from, "/api/auth/sign-up/email", headers, JSON.writeValueAsString(
                Map.of("name", "Limited", "email", unknownEmail(), "password", Tenant.PASSWORD)));
    }

    private static RawHttp.Answer createKey(Tenant tenant) throws IOException {
        return RawHttp.postJson("127.0.0.1", "/api/auth/api-key/create",
                Map.of("Authorization", "Bearer " + tenant.token), "{\"name\":\"k\"}");
    }

    private static String unknownEmail() {
        return "x" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
    }

    private static List<Integer> runAll(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
