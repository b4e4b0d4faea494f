package dev.agentkanban.relay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.support.Machine;
import dev.agentkanban.support.RelayClient;
import dev.agentkanban.support.RelayClient.Closed;
import dev.agentkanban.support.Team;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may open the relay socket, and how a refusal looks: always the 101 first (the JDK client
 * fails to open on anything else), then a close frame with a 44xx code and a reason.
 */
@QuarkusTest
class RelayAccessTest {

    private static final Team.PerClass TEAM = new Team.PerClass();

    @Test
    void aDaemonWithItsMachineKeyIsAdmittedAndAnswersPings() {
        try (RelayClient daemon = RelayClient.daemon(TEAM.get().machine.key)) {
            daemon.send("{\"type\":\"ping\"}");
            assertThat(daemon.next()).isEqualTo("{\"type\":\"pong\"}");
        }
    }

    @Test
    void theDaemonsDoubleSlashPathIsServed() {
        String url = RelayClient.url("role=daemon&token=" + RelayClient.encode(TEAM.get().machine.key));
        try (RelayClient daemon = RelayClient.openUrl(url.replace("/api/tunnel/ws?", "//api/tunnel/ws?"))) {
            daemon.send("{\"type\":\"ping\"}");
            assertThat(daemon.next()).isEqualTo("{\"type\":\"pong\"}");
        }
    }

    @Test
    void withoutTokenTheSocketIsClosedUnauthorized() {
        assertRefused("role=daemon", 4401, "Missing token");
    }

    @Test
    void withAWrongKeyTheSocketIsClosedUnauthorized() {
        assertRefused("role=daemon&token=ak_wrong", 4401, "Invalid API key.");
    }

    @Test
    void unknownRoleIsABadRequest() {
        assertRefused("role=admin&token=" + TEAM.get().machine.key, 4400, "Unknown role \"admin\": daemon or browser");
    }

    @Test
    void aRevokedKeyIsRefused() {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        String keyId = owner.asUser().get("/api/auth/api-key/list").then().statusCode(200).extract()
                .path("apiKeys[0].id");
        owner.asUser().body(Map.of("keyId", keyId)).post("/api/auth/api-key/delete").then().statusCode(200);
        assertRefused("role=daemon&token=" + machine.key, 4401, "Invalid API key.");
    }

    @Test
    void aDisabledKeyIsRefused() {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        String keyId = owner.asUser().get("/api/auth/api-key/list").then().statusCode(200).extract()
                .path("apiKeys[0].id");
        owner.asUser().body(Map.of("keyId", keyId, "enabled", false)).post("/api/auth/api-key/update")
                .then().statusCode(200);
        assertRefused("role=daemon&token=" + machine.key, 4401, "API Key is disabled");
    }

    @Test
    void aKeyNotBoundToAMachineIsForbidden() {
        String key = Tenant.create().createApiKey();
        assertRefused("role=daemon&token=" + key, 4403,
                "This API key is not bound to a machine: register the machine first");
    }

    @Test
    void aLoginTokenIsNoDaemonAndAMachineKeyIsNoBrowser() {
        Team team = TEAM.get();
        assertRefused("role=daemon&token=" + team.tenant.token, 4403, "role=daemon needs a machine API key");
        assertRefused("role=browser&sessionId=" + team.worker.sessionId + "&token=" + team.machine.key, 4403,
                "role=browser needs a user login token");
    }

    @Test
    void aBrowserNeedsASessionIdAndAToken() {
        Team team = TEAM.get();
        assertRefused("role=browser&token=" + team.tenant.token, 4400, "sessionId is required for role=browser");
        assertRefused("role=browser&sessionId=" + team.worker.sessionId, 4401, "Missing token");
    }

    @Test
    void aSessionOfAnotherOwnerOrNoSessionAtAllIsNotFound() {
        Team team = TEAM.get();
        Tenant stranger = Tenant.create();
        assertRefused("role=browser&sessionId=" + team.worker.sessionId + "&token=" + stranger.token, 4404,
                "Agent session not found");
        assertRefused("role=browser&sessionId=no-such-session&token=" + team.tenant.token, 4404,
                "Agent session not found");
    }

    @Test
    void aBrowserOfTheOwnerIsAdmitted() {
        Team team = TEAM.get();
        try (RelayClient browser = RelayClient.browser(team.tenant.token, team.worker.sessionId)) {
            assertThat(browser.next()).startsWith("{\"type\":\"daemon:");
        }
    }

    @Test
    void withoutRoleTheSocketIsABadRequest() {
        assertRefused("token=" + TEAM.get().machine.key, 4400, "role is required: daemon or browser");
        assertRefused("", 4400, "role is required: daemon or browser");
    }

    @Test
    void anAgentTokenInTheQueryIsRefusedAsEverywhere() {
        assertRefused("role=daemon&token=" + TEAM.get().worker.token(), 4401, "Invalid or expired token");
    }

    @Test
    void aPlainHttpRequestIsToldToUpgrade() {
        given().queryParam("role", "daemon").queryParam("token", TEAM.get().machine.key).get("/api/tunnel/ws")
                .then().statusCode(426).header("Upgrade", "websocket")
                .body("error.code", equalTo("UPGRADE_REQUIRED"));
    }

    private static void assertRefused(String query, int code, String reason) {
        try (RelayClient client = RelayClient.open(query)) {
            assertThat(client.closed()).isEqualTo(new Closed(code, reason));
        }
    }
}
