package dev.agentkanban.conformance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.support.Cli;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Client protocol 5: the web app signs the user up, keeps the {@code set-auth-token} header as
 * its bearer token, creates a machine API key and polls until the daemon started with that key
 * has registered and sent its first heartbeat; a dialog closed early deletes the key.
 */
@QuarkusTest
class FirstTimeSetupFlowTest {

    @Test
    void theWebAppSeesTheMachineConnectAfterAkStart() {
        String email = "setup-" + UUID.randomUUID() + "@example.com";
        ExtractableResponse<Response> signUp = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Ada", "email", email, "password", Tenant.PASSWORD))
                .post("/api/auth/sign-up/email").then().statusCode(200).extract();
        String bearer = signUp.header("set-auth-token");
        assertThat(bearer).isNotBlank();
        assertThat(signUp.header("Access-Control-Expose-Headers")).contains("set-auth-token");

        ExtractableResponse<Response> key = web(bearer).body(Map.of("name", "onboarding"))
                .post("/api/auth/api-key/create").then().statusCode(200).extract();
        String apiKey = key.path("key");
        String keyId = key.path("id");
        assertThat(apiKey).startsWith("ak_").hasSize(67);
        assertThat(keyId).isNotBlank();
        // Polled every 3 s: nothing yet.
        assertThat(web(bearer).queryParam("id", keyId).get("/api/auth/api-key/get").then().statusCode(200)
                .extract().<Object>path("metadata")).isNull();

        // ak start --api-url … --api-key …: the daemon's first two calls.
        Cli daemon = Cli.withKey(apiKey);
        String machineId = daemon.post("/api/machines", Machine.registration("0f1e2d3c4b5a6978")).expect(201)
                .text("id");
        Map<?, ?> metadata = web(bearer).queryParam("id", keyId).get("/api/auth/api-key/get").then()
                .statusCode(200).extract().path("metadata");
        assertThat(metadata.get("machineId")).isEqualTo(machineId);
        assertThat(web(bearer).get("/api/machines/" + machineId).then().statusCode(200).extract()
                .<String>path("status")).isEqualTo("offline");

        daemon.post("/api/machines/" + machineId + "/heartbeat",
                Map.of("version", Cli.VERSION, "runtimes", List.of("Claude Code"))).expect(200);
        assertThat(web(bearer).get("/api/machines/" + machineId).then().statusCode(200).extract()
                .<String>path("status")).isEqualTo("online");
    }

    @Test
    void signInAndTheGithubCallbackPageAlsoYieldBearerTokens() {
        Tenant user = Tenant.create();
        ExtractableResponse<Response> signIn = given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email, "password", Tenant.PASSWORD))
                .post("/api/auth/sign-in/email").then().statusCode(200).extract();
        String bearer = signIn.header("set-auth-token");
        assertThat(signIn.<String>path("token")).isNotBlank();
        String raw = web(bearer).get("/api/auth/get-session").then().statusCode(200).extract().path("session.token");
        web(raw).body(Map.of("name", "swift-falcon")).post("/api/auth/api-key/create").then().statusCode(200);
    }

    @Test
    void aDialogClosedBeforeTheMachineConnectsDeletesTheKey() {
        Tenant user = Tenant.create();
        ExtractableResponse<Response> key = user.asUser().body(Map.of("name", "brave-otter"))
                .post("/api/auth/api-key/create").then().statusCode(200).extract();
        user.asUser().body(Map.of("keyId", key.<String>path("id"))).post("/api/auth/api-key/delete")
                .then().statusCode(200).body("success", equalTo(true));
        // The key is only checked when the daemon makes its first call; registration failing is fatal there.
        Cli.withKey(key.path("key")).post("/api/machines", Machine.registration("a1b2c3d4e5f60718"))
                .error(401, "Invalid API key.");
    }

    private static RequestSpecification web(String bearer) {
        return given().header("Authorization", "Bearer " + bearer).contentType(ContentType.JSON);
    }
}
