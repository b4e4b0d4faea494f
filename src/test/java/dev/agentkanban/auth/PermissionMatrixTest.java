package dev.agentkanban.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The route permission table of the auth spec (section 4), one row per route, checked for every
 * identity type: an identity outside the rule gets 403 "<types> required"; an identity inside it
 * passes the permission layer (whatever the handler then says about the fake ids used here);
 * no credentials at all get 401.
 */
@QuarkusTest
class PermissionMatrixTest {

    private static final IdentityType U = IdentityType.USER;
    private static final IdentityType M = IdentityType.MACHINE;
    private static final IdentityType W = IdentityType.WORKER;
    private static final IdentityType L = IdentityType.LEADER;
    private static final IdentityType[] ANY = {U, M, W, L};

    /** Route, allowed identity types in the order the 403 message names them. */
    record Rule(String method, String path, IdentityType... allowed) {

        String required() {
            List<String> names = new ArrayList<>();
            for (IdentityType t : allowed) {
                names.add(t.wire());
            }
            return String.join(" or ", names) + " required";
        }

        boolean allows(IdentityType type) {
            return List.of(allowed).contains(type);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Rule> TABLE = List.of(
            new Rule("POST", "/api/machines", M),
            new Rule("POST", "/api/machines/zzzzzzzz/heartbeat", M),
            new Rule("GET", "/api/machines", ANY),
            new Rule("GET", "/api/machines/zzzzzzzz", ANY),
            new Rule("DELETE", "/api/machines/zzzzzzzz", U),
            new Rule("GET", "/api/agents", ANY),
            new Rule("GET", "/api/agents/ffffffffffffffff", ANY),
            new Rule("POST", "/api/agents", U, M, L),
            new Rule("PATCH", "/api/agents/ffffffffffffffff", U, L),
            new Rule("DELETE", "/api/agents/ffffffffffffffff", U, L),
            new Rule("POST", "/api/agents/ffffffffffffffff/sessions", M),
            new Rule("GET", "/api/agents/ffffffffffffffff/sessions", ANY),
            new Rule("DELETE", "/api/agents/ffffffffffffffff/sessions/00000000-0000-4000-8000-000000000000", M),
            new Rule("POST", "/api/agents/ffffffffffffffff/sessions/00000000-0000-4000-8000-000000000000/reopen", M),
            new Rule("PATCH", "/api/agents/ffffffffffffffff/sessions/00000000-0000-4000-8000-000000000000/usage",
                    M, W, L),
            new Rule("GET", "/api/agents/ffffffffffffffff/gpg-key", M),
            new Rule("GET", "/api/agents/ffffffffffffffff/inbox", U),
            new Rule("GET", "/api/agents/ffffffffffffffff/inbox/some-mail", U),
            // The design admits machines on task create and PATCH (the daemon's setup task), and
            // people on create, delete and assign (the web UI).
            new Rule("POST", "/api/tasks", W, L, M, U),
            new Rule("GET", "/api/tasks", ANY),
            new Rule("GET", "/api/tasks/zzzzzzzzzzzz", ANY),
            new Rule("PATCH", "/api/tasks/zzzzzzzzzzzz", W, L, M),
            new Rule("DELETE", "/api/tasks/zzzzzzzzzzzz", W, L, U),
            new Rule("POST", "/api/tasks/zzzzzzzzzzzz/claim", W),
            new Rule("POST", "/api/tasks/zzzzzzzzzzzz/review", W),
            new Rule("POST", "/api/tasks/zzzzzzzzzzzz/reject", U, L),
            new Rule("POST", "/api/tasks/zzzzzzzzzzzz/complete", U, M, L),
            new Rule("POST", "/api/tasks/zzzzzzzzzzzz/cancel", U, M, L),
            new Rule("POST", "/api/tasks/zzzzzzzzzzzz/release", M),
            new Rule("POST", "/api/tasks/zzzzzzzzzzzz/assign", L, U),
            new Rule("POST", "/api/tasks/zzzzzzzzzzzz/notes", W, L),
            new Rule("GET", "/api/tasks/zzzzzzzzzzzz/notes", ANY),
            new Rule("POST", "/api/tasks/zzzzzzzzzzzz/messages", W, L, U),
            new Rule("GET", "/api/tasks/zzzzzzzzzzzz/messages", ANY),
            new Rule("GET", "/api/tasks/zzzzzzzzzzzz/stream", ANY),
            new Rule("POST", "/api/boards", U, L),
            new Rule("GET", "/api/boards", ANY),
            new Rule("GET", "/api/boards/zzzzzzzz", ANY),
            new Rule("PATCH", "/api/boards/zzzzzzzz", U, L),
            new Rule("DELETE", "/api/boards/zzzzzzzz", U, L),
            new Rule("POST", "/api/repositories", U, L),
            new Rule("GET", "/api/repositories", ANY),
            new Rule("GET", "/api/repositories/zzzzzzzz", ANY),
            new Rule("DELETE", "/api/repositories/zzzzzzzz", U, L),
            new Rule("GET", "/api/gpg/public-key", U),
            new Rule("GET", "/api/admin/stats", U),
            new Rule("GET", "/api/admin/machines", ANY));

    private static Callers callers;

    record Callers(Tenant user, Machine machine, Agent worker, Agent leader) {

        RequestSpecification as(IdentityType type) {
            return switch (type) {
                case USER -> user.asUser();
                case MACHINE -> machine.request();
                case WORKER -> worker.request();
                case LEADER -> leader.request();
            };
        }
    }

    private static synchronized Callers callers() {
        if (callers == null) {
            Tenant tenant = Tenant.create();
            Machine machine = tenant.machine();
            callers = new Callers(tenant, machine, machine.worker(), machine.leader("claude"));
        }
        return callers;
    }

    static Stream<Arguments> cases() {
        return TABLE.stream().flatMap(rule -> EnumSet.allOf(IdentityType.class).stream()
                .map(type -> Arguments.of(rule, type)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void identityTypesOutsideTheRuleAreRefused(Rule rule, IdentityType type) {
        Response response = send(callers().as(type).body("{}"), rule);
        if (rule.allows(type)) {
            assertThat(response.statusCode()).as(response.asString()).isNotIn(401, 500);
            if (response.statusCode() == 403) {
                assertThat(response.<String>path("error.message")).doesNotEndWith(" required");
            }
        } else {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
            assertThat(response.<String>path("error.code")).isEqualTo("FORBIDDEN");
            assertThat(response.<String>path("error.message")).isEqualTo(rule.required());
        }
    }

    static Stream<Rule> rules() {
        return TABLE.stream();
    }

    /** The board stream stays open for allowed callers, so only its refusal is checked here. */
    @org.junit.jupiter.api.Test
    void theBoardStreamNeedsCredentials() {
        Response response = given().get("/api/boards/zzzzzzzz/stream");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.<String>path("error.message")).isEqualTo("Missing token");
    }

    @ParameterizedTest(name = "{0} anonymously")
    @MethodSource("rules")
    void everyNonPublicRouteNeedsCredentials(Rule rule) {
        Response response = send(given().contentType(ContentType.JSON).body("{}"), rule);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.<String>path("error.message")).isEqualTo("Missing token");
    }

    private static Response send(RequestSpecification request, Rule rule) {
        return request.request(rule.method, rule.path);
    }

    /** Public routes ignore credentials, even invalid ones; unknown slugs and names are plain 404s. */
    static final Set<String> PUBLIC = Set.of("/api/ping", "/api/sitemap.xml", "/.well-known/openpgpkey/policy",
            "/api/share/nosuchslug", "/api/share/nosuchslug/badge.svg", "/api/share/nosuchslug/stream",
            "/share/nosuchslug", "/agents/nobody.gpg", "/.well-known/openpgpkey/hu/nohash?l=nobody");

    @ParameterizedTest(name = "GET {0} anonymously")
    @MethodSource("publicPaths")
    void publicRoutesNeedNoCredentials(String path) {
        assertThat(given().header("Authorization", "Bearer not-a-token").get(path).statusCode()).isIn(200, 404);
    }

    static Stream<String> publicPaths() {
        return PUBLIC.stream();
    }
}
