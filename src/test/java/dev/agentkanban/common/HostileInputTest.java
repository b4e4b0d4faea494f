package dev.agentkanban.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.Hostile;
import dev.agentkanban.support.Hostile.Gen;
import dev.agentkanban.support.RawHttp;
import dev.agentkanban.support.Team;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input over every route of the permission table (auth spec 4): bodies, path segments,
 * query strings and headers drawn from {@link Hostile}, sent by the identity the route admits (or
 * by none). Every answer must be a 2xx, or a 4xx in the error envelope ({@code {"message","code"}}
 * on {@code /api/auth/*}); never a 5xx, never a dropped connection, never a hang; the database
 * passes {@code PRAGMA integrity_check} afterwards.
 *
 * <p>{@code -Dak.fuzz.cases=N} sets the cases per surface (default 150); {@code -Dak.fuzz.seed=S}
 * replays a run. A failure names the seed and the case.
 */
@QuarkusTest
class HostileInputTest {

    private static final int CASES = Integer.getInteger("ak.fuzz.cases", 150);
    private static final long SEED = Long.getLong("ak.fuzz.seed", System.nanoTime());
    /** Longer request lines are refused by the HTTP codec (414, no body) before any route runs. */
    private static final int MAX_LINE = 4096;
    private static final int MAX_BODY = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Team.PerClass TEAM = new Team.PerClass();
    private static final Map<String, AtomicInteger> STATUSES = new ConcurrentHashMap<>();
    private static final AtomicInteger SENT = new AtomicInteger();

    private static final List<String> FIELDS = List.of("title", "description", "priority", "labels", "depends_on",
            "board_id", "repository_id", "assigned_to", "scheduled_at", "input", "result", "pr_url", "position", "name",
            "type", "visibility", "url", "username", "runtime", "kind", "bio", "soul", "role", "handoff_to", "model",
            "skills", "session_id", "session_public_key", "version", "runtimes", "usage_info", "device_id", "os",
            "content", "sender_type", "reason", "agent_id", "email", "password", "image", "rememberMe", "callbackURL",
            "keyId", "enabled", "metadata", "expiresIn", "prefix", "userId", "banReason", "banExpiresIn",
            "sessionToken", "input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_tokens",
            "cost_micro_usd", "owner_id", "id", "status", "created_by", "seq", "builtin", "public_key", "key_hash");
    private static final List<String> QUERY = List.of("board_id", "status", "cursor", "limit", "offset", "name", "l",
            "id", "since", "assigned_to", "label", "labels", "repository_id", "url", "searchField", "searchValue",
            "searchOperator", "sortBy", "sortDirection", "token", "kind", "role", "sessionId");

    enum Who { NONE, USER, ADMIN, MACHINE, WORKER, LEADER }

    /** A route with the identity that may call it; {@code fake} routes get ids that match nothing (deletes). */
    record Route(String method, String template, Who who, boolean fake) {
    }

    private static final List<Route> ROUTES = List.of(
            r("GET", "/api/ping", Who.NONE), r("GET", "/api/sitemap.xml", Who.NONE),
            r("GET", "/api/share/{slug}", Who.NONE), r("GET", "/api/share/{slug}/badge.svg", Who.NONE),
            r("GET", "/api/share/{slug}/stream", Who.NONE), r("GET", "/share/{slug}", Who.NONE),
            r("GET", "/agents/{username}.gpg", Who.NONE), r("GET", "/.well-known/openpgpkey/hu/{hash}", Who.NONE),
            r("GET", "/.well-known/openpgpkey/policy", Who.NONE),
            r("POST", "/api/auth/sign-up/email", Who.NONE), r("POST", "/api/auth/sign-in/email", Who.NONE),
            r("GET", "/api/auth/get-session", Who.USER), r("POST", "/api/auth/sign-out", Who.NONE),
            r("POST", "/api/auth/api-key/create", Who.USER), r("GET", "/api/auth/api-key/get", Who.USER),
            r("GET", "/api/auth/api-key/list", Who.USER), r("POST", "/api/auth/api-key/update", Who.USER),
            r("POST", "/api/auth/api-key/delete", Who.USER), r("GET", "/api/auth/admin/list-users", Who.ADMIN),
            r("POST", "/api/auth/admin/ban-user", Who.ADMIN), r("POST", "/api/auth/admin/unban-user", Who.ADMIN),
            r("POST", "/api/auth/admin/set-role", Who.ADMIN), r("POST", "/api/auth/admin/remove-user", Who.ADMIN),
            r("POST", "/api/auth/admin/list-user-sessions", Who.ADMIN),
            r("POST", "/api/auth/admin/revoke-user-session", Who.ADMIN),
            r("POST", "/api/auth/admin/revoke-user-sessions", Who.ADMIN),
            r("POST", "/api/machines", Who.MACHINE), r("POST", "/api/machines/{machine}/heartbeat", Who.MACHINE),
            r("GET", "/api/machines", Who.USER), r("GET", "/api/machines/{machine}", Who.MACHINE),
            fake("DELETE", "/api/machines/{machine}", Who.USER),
            r("GET", "/api/agents", Who.WORKER), r("GET", "/api/agents/{agent}", Who.MACHINE),
            r("POST", "/api/agents", Who.LEADER), r("PATCH", "/api/agents/{agent}", Who.USER),
            fake("DELETE", "/api/agents/{agent}", Who.LEADER),
            r("POST", "/api/agents/{agent}/sessions", Who.MACHINE), r("GET", "/api/agents/{agent}/sessions", Who.USER),
            fake("DELETE", "/api/agents/{agent}/sessions/{session}", Who.MACHINE),
            fake("POST", "/api/agents/{agent}/sessions/{session}/reopen", Who.MACHINE),
            r("PATCH", "/api/agents/{agent}/sessions/{session}/usage", Who.WORKER),
            r("GET", "/api/agents/{agent}/gpg-key", Who.MACHINE), r("GET", "/api/agents/{agent}/inbox", Who.USER),
            r("GET", "/api/agents/{agent}/inbox/{email}", Who.USER),
            r("POST", "/api/tasks", Who.LEADER), r("GET", "/api/tasks", Who.MACHINE),
            r("GET", "/api/tasks/{task}", Who.WORKER), r("PATCH", "/api/tasks/{task}", Who.LEADER),
            fake("DELETE", "/api/tasks/{task}", Who.LEADER), r("POST", "/api/tasks/{task}/claim", Who.WORKER),
            r("POST", "/api/tasks/{task}/review", Who.WORKER), r("POST", "/api/tasks/{task}/reject", Who.USER),
            r("POST", "/api/tasks/{task}/complete", Who.LEADER), r("POST", "/api/tasks/{task}/cancel", Who.MACHINE),
            r("POST", "/api/tasks/{task}/release", Who.MACHINE), r("POST", "/api/tasks/{task}/assign", Who.LEADER),
            r("POST", "/api/tasks/{task}/notes", Who.WORKER), r("GET", "/api/tasks/{task}/notes", Who.USER),
            r("POST", "/api/tasks/{task}/messages", Who.USER), r("GET", "/api/tasks/{task}/messages", Who.LEADER),
            r("GET", "/api/tasks/{task}/stream", Who.USER),
            r("POST", "/api/boards", Who.LEADER), r("GET", "/api/boards", Who.WORKER),
            r("GET", "/api/boards/{board}", Who.MACHINE), r("PATCH", "/api/boards/{board}", Who.USER),
            fake("DELETE", "/api/boards/{board}", Who.LEADER), r("GET", "/api/boards/{board}/stream", Who.WORKER),
            r("POST", "/api/repositories", Who.LEADER), r("GET", "/api/repositories", Who.MACHINE),
            r("GET", "/api/repositories/{repo}", Who.USER), fake("DELETE", "/api/repositories/{repo}", Who.USER),
            r("GET", "/api/admin/stats", Who.ADMIN), r("GET", "/api/admin/machines", Who.ADMIN),
            r("GET", "/api/gpg/public-key", Who.USER));

    @Inject
    DataSource database;

    @Test
    void hostileBodies() throws Exception {
        Gen<byte[]> bodies = Hostile.body(FIELDS);
        Gen<String> types = Hostile.oneOf(Hostile.of("application/json"), Hostile.of("application/json"),
                Hostile.of("application/json", "text/plain", "application/x-www-form-urlencoded", "",
                        "application/json; charset=utf-16", "multipart/form-data; boundary=x", "application/xml"));
        fuzz("body", (random, route) -> {
            Map<String, String> headers = identity(route.who());
            String type = types.next(random);
            if (!type.isEmpty()) {
                headers.put("Content-Type", type);
            }
            String method = route.method().equals("GET") ? "POST" : route.method();
            return new Request(method, target(route, null), headers, bodies.next(random));
        });
    }

    @Test
    void hostilePathSegments() throws Exception {
        Gen<String> segments = Hostile.pathSegment();
        fuzz("path", (random, route) -> {
            String segment = segments.next(random);
            return new Request(route.method(), target(route, segment), identity(route.who()), body(route));
        });
    }

    @Test
    void hostileQueries() throws Exception {
        Gen<String> queries = Hostile.query(QUERY);
        fuzz("query", (random, route) -> new Request(route.method(), target(route, null) + "?" + queries.next(random),
                identity(route.who()), body(route)));
    }

    @Test
    void hostileHeaders() throws Exception {
        Gen<String> values = Hostile.headerValue();
        Gen<String> names = Hostile.of("Authorization", "Authorization", "Content-Type", "X-CLI-Version",
                "Last-Event-ID", "Accept", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Origin",
                "Cookie", "If-None-Match", "Range", "User-Agent", "Accept-Encoding");
        fuzz("header", (random, route) -> {
            Map<String, String> headers = identity(route.who());
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                String name = names.next(random);
                String value = values.next(random);
                headers.put(name, name.equals("Authorization") && random.nextBoolean() ? "Bearer " + value : value);
            }
            if (route.method().equals("POST") || route.method().equals("PATCH")) {
                headers.putIfAbsent("Content-Type", "application/json");
            }
            return new Request(route.method(), target(route, null), headers, body(route));
        });
    }

    /**
     * OWASP API1: on every route that names an object, another tenant's object answers exactly
     * as a made-up id does (so its existence is not revealed either; the board stream, which
     * filters events by owner, opens for both), and stays unchanged.
     */
    @Test
    void everyRouteHidesAnotherTenantsObjects() throws Exception {
        Team owner = team();
        Team stranger = Team.create();
        String task = owner.task("not yours");
        List<String> leaks = new ArrayList<>();
        int compared = 0;
        for (Route route : ROUTES) {
            if (!route.template().matches(".*\\{(task|board|repo|machine|agent|session)}.*") || route.who() == Who.ADMIN) {
                continue;
            }
            Request foreign = new Request(route.method(), target(route, null, owner, task),
                    identity(route.who(), stranger), body(route));
            Request missing = new Request(route.method(), target(route, null, owner, null),
                    identity(route.who(), stranger), body(route));
            RawHttp.Answer a = send(foreign);
            RawHttp.Answer b = send(missing);
            compared++;
            if (a.status() != b.status() || !sameBody(a, owner, task, b)) {
                leaks.add(route.method() + " " + route.template() + ": foreign " + a + " / missing " + b);
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(compared).isGreaterThan(30);
        assertThat(owner.leader.cli().get("/api/tasks/" + task).expect(200).node().path("status").asText())
                .isEqualTo("todo");
        owner.machine.cli().get("/api/agents/" + owner.worker.id).expect(200);
        owner.machine.cli().get("/api/boards/" + owner.boardId).expect(200);
        owner.machine.cli().get("/api/repositories/" + owner.repoId).expect(200);
        owner.machine.cli().get("/api/machines/" + owner.machine.id).expect(200);
        assertThat(owner.machine.cli().get("/api/agents/" + owner.worker.id + "/sessions").expect(200).node()
                .findValuesAsText("status")).as("the owner's session is still open").containsOnly("active");
    }

    /** Equal once the ids in them (messages may name the id asked for) are blanked. */
    private static boolean sameBody(RawHttp.Answer foreign, Team owner, String task, RawHttp.Answer missing) {
        String a = foreign.body();
        for (String id : List.of(task, owner.boardId, owner.repoId, owner.machine.id, owner.worker.id,
                owner.worker.sessionId)) {
            a = a.replace(id, "<id>");
        }
        String b = missing.body();
        for (String id : List.of("tzzzzzzzzzzz", "bzzzzzzz", "rzzzzzzz", "mzzzzzzz", "0000000000000000",
                "00000000-0000-0000-0000-000000000000")) {
            b = b.replace(id, "<id>");
        }
        return a.equals(b);
    }

    @AfterAll
    static void report() {
        System.out.printf("HOSTILE-INPUT seed=%d cases=%d statuses=%s%n", SEED, SENT.get(), new java.util.TreeMap<>(STATUSES));
    }

    private record Request(String method, String target, Map<String, String> headers, byte[] body) {
    }

    @FunctionalInterface
    private interface Case {
        Request make(Random random, Route route) throws Exception;
    }

    private void fuzz(String surface, Case cases) throws Exception {
        team();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                int index = i;
                running.add(pool.submit(() -> {
                    Random random = new Random(SEED * 31 + surface.hashCode() * 7919L + index);
                    Route route = ROUTES.get(random.nextInt(ROUTES.size()));
                    Request request = cases.make(random, route);
                    String problem = check(request, send(request));
                    if (problem != null) {
                        violations.add(surface + " case " + index + " (seed " + SEED + "): " + request.method() + " "
                                + clip(request.target()) + " → " + problem);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations).as("violations of the error contract").isEmpty();
        assertThat(RawHttp.get("/api/ping", Map.of()).status()).as("the server still answers").isEqualTo(200);
        assertThat(integrityCheck()).isEqualTo("ok");
    }

    private static RawHttp.Answer send(Request request) {
        SENT.incrementAndGet();
        try {
            return RawHttp.send(request.method(), request.target(), request.headers(), request.body());
        } catch (IOException e) {
            return new RawHttp.Answer(-1, Map.of(), "no answer: " + e);
        }
    }

    /** Null when the answer keeps the contract, else what is wrong with it. */
    private static String check(Request request, RawHttp.Answer answer) {
        STATUSES.computeIfAbsent(Integer.toString(answer.status()), k -> new AtomicInteger()).incrementAndGet();
        int status = answer.status();
        boolean oversized = request.target().length() + 14 > MAX_LINE
                || request.body() != null && request.body().length > MAX_BODY;
        if (status < 0 && oversized) {
            return null; // refused (414, 413) and closed while the rest was still being sent
        }
        if (status < 0) {
            return "connection closed or timed out without an answer: " + answer.body();
        }
        if (status >= 500) {
            return "a " + status + ": " + clip(answer.body());
        }
        if (status < 400) {
            return null;
        }
        if (status == 414 && request.target().length() + 14 > MAX_LINE) {
            return null;
        }
        String path = request.target().split("\\?")[0];
        if (status == 401 && path.startsWith("/api/auth/admin/") && answer.body().isEmpty()) {
            return null; // the auth library's documented empty 401 (auth spec 3)
        }
        if (!answer.header("Content-Type").startsWith("application/json")) {
            return status + " with Content-Type " + answer.header("Content-Type") + ": " + clip(answer.body());
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            return status + " with a body that is not JSON: " + clip(answer.body());
        }
        if (body != null && hasTexts(body.path("error"))) {
            return null;
        }
        if (body != null && path.startsWith("/api/auth/") && hasTexts(body)) {
            return null;
        }
        return status + " outside the error envelope: " + clip(answer.body());
    }

    private static boolean hasTexts(JsonNode error) {
        return error.path("code").isTextual() && error.path("message").isTextual()
                && !error.path("message").asText().isEmpty();
    }

    private String integrityCheck() throws Exception {
        try (Connection c = database.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Team team() {
        return TEAM.get();
    }

    private static Route r(String method, String template, Who who) {
        return new Route(method, template, who, false);
    }

    private static Route fake(String method, String template, Who who) {
        return new Route(method, template, who, true);
    }

    private static String target(Route route, String hostile) {
        return target(route, hostile, team(), route.fake() ? null
                : Tasks.ANY.get(Math.floorMod(path(route, hostile), Tasks.ANY.size())));
    }

    /**
     * The route's path with its parameters filled: the team's ids and {@code task}, made-up ones
     * when {@code task} is null, or {@code hostile} for one of them.
     */
    private static String target(Route route, String hostile, Team team, String task) {
        boolean fake = task == null;
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("{task}", fake ? "tzzzzzzzzzzz" : task);
        ids.put("{board}", fake ? "bzzzzzzz" : team.boardId);
        ids.put("{repo}", fake ? "rzzzzzzz" : team.repoId);
        ids.put("{machine}", fake ? "mzzzzzzz" : team.machine.id);
        ids.put("{agent}", fake ? "0000000000000000" : team.worker.id);
        ids.put("{session}", fake ? "00000000-0000-0000-0000-000000000000" : team.worker.sessionId);
        ids.put("{slug}", "no-such-slug");
        ids.put("{username}", "nobody");
        ids.put("{hash}", "ybndrfg8ejkmcpqxot1uwisza345h769");
        ids.put("{email}", "e1");
        String path = route.template();
        List<String> present = ids.keySet().stream().filter(path::contains).toList();
        String replaced = hostile == null || present.isEmpty() ? null
                : present.get(Math.floorMod(hostile.hashCode(), present.size()));
        for (String param : present) {
            path = path.replace(param, param.equals(replaced) ? hostile : ids.get(param));
        }
        if (hostile != null && replaced == null) {
            path = path + "/" + hostile;
        }
        return path;
    }

    private static byte[] body(Route route) {
        return route.method().equals("POST") || route.method().equals("PATCH") ? "{}".getBytes() : null;
    }

    private static Map<String, String> identity(Who who) {
        return identity(who, team());
    }

    private static Map<String, String> identity(Who who, Team team) {
        Map<String, String> headers = new LinkedHashMap<>();
        String token = switch (who) {
            case NONE -> null;
            case USER -> team.tenant.token;
            case ADMIN -> Admin.TOKEN;
            case MACHINE -> team.machine.key;
            case WORKER -> team.worker.token();
            case LEADER -> team.leader.token();
        };
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    /** Tasks the cases act on, moving through whatever states the cases push them into. */
    private static final class Tasks {
        static final List<String> ANY = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> team().task("hostile input " + i)).toList();
    }

    private static int path(Route route, String hostile) {
        return route.template().hashCode() + (hostile == null ? SENT.get() : hostile.hashCode());
    }

    /** The test profile's administrator, signed in once. */
    private static final class Admin {
        static final String TOKEN = Tenant.admin().token;
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
