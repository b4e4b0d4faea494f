package dev.agentkanban.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.auth.jwt.Base64Url;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.AgentJwt;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Server;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Hostile and broken agent JWTs: every one is refused with 401 and the error envelope. */
@QuarkusTest
class AgentJwtAttackTest {

    static final String INVALID_JWT = "Invalid agent session: 401 "
            + "{\"error\":\"invalid_jwt\",\"message\":\"JWT is invalid, expired, or signature failed\"}";
    static final String NOT_FOUND = "Invalid agent session: 401 "
            + "{\"error\":\"agent_not_found\",\"message\":\"Agent not found\"}";
    static final String REPLAY = "Invalid agent session: 401 "
            + "{\"error\":\"jti_replay\",\"message\":\"JWT has already been used\"}";
    static final String CLOSED = "Invalid agent session: 401 "
            + "{\"error\":\"agent_expired\",\"message\":\"Agent session has expired\"}";
    static final String NOT_A_TOKEN = "Invalid or expired token";

    @Test
    void aWellFormedTokenIsAccepted() {
        Agent a = Tenant.create().machine().worker();
        a.request().get("/api/agents").then().statusCode(200);
        call(signed(a, claims(a, now() - 62, now() + 10))).statusCode(200);
        call(signed(a, claims(a, now() + 3, now() + 63))).statusCode(200);
    }

    @Test
    void algorithmsOtherThanEdDsaAreRefused() throws Exception {
        Agent a = Tenant.create().machine().worker();
        String claims = claims(a, now(), now() + 60);
        refused(call(AgentJwt.encode("{\"alg\":\"none\",\"typ\":\"agent+jwt\"}") + "." + AgentJwt.encode(claims)
                + "."), INVALID_JWT);

        String input = AgentJwt.encode("{\"alg\":\"HS256\",\"typ\":\"agent+jwt\"}") + "." + AgentJwt.encode(claims);
        for (byte[] secret : new byte[][] {Base64Url.decode(a.jwt.publicKey()),
            a.jwt.publicKey().getBytes(StandardCharsets.UTF_8)}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String hs = input + "." + Base64Url.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
            refused(call(hs), INVALID_JWT);
        }
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        Agent a = Tenant.create().machine().worker();
        refused(call(AgentJwt.generate().token(a.sessionId, a.id, Server.url())), INVALID_JWT);
        String token = a.token();
        refused(call(token.substring(0, token.lastIndexOf('.') + 1) + Base64Url.encode(new byte[64])), INVALID_JWT);
    }

    @Test
    void expiredOldAndFutureTokensAreRefused() {
        Agent a = Tenant.create().machine().worker();
        refused(call(signed(a, claims(a, now() - 30, now() - 10))), INVALID_JWT);
        refused(call(signed(a, claims(a, now() - 70, now() + 10))), INVALID_JWT);
        refused(call(signed(a, claims(a, now() + 30, now() + 90))), INVALID_JWT);
        refused(call(signed(a, "{\"sub\":\"" + a.sessionId + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"aud\":\""
                + Server.url() + "\",\"iat\":\"" + now() + "\"}")), INVALID_JWT);
    }

    @Test
    void theAudienceMustBeThisServer() {
        Agent a = Tenant.create().machine().worker();
        for (String aud : new String[] {"https://evil.example", Server.url() + "/", Server.url() + "/api"}) {
            refused(call(a.jwt.sign(AgentJwt.HEADER, AgentJwt.claims(a.sessionId, a.id, UUID.randomUUID().toString(),
                    aud, now(), now() + 60))), INVALID_JWT);
        }
        refused(call(signed(a, "{\"sub\":\"" + a.sessionId + "\",\"jti\":\"" + UUID.randomUUID()
                + "\",\"iat\":" + now() + "}")), INVALID_JWT);
        call(signed(a, "{\"sub\":\"" + a.sessionId + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"aud\":[\"x\",\""
                + Server.url() + "\"],\"iat\":" + now() + "}")).statusCode(200);
    }

    @Test
    void aTokenOfAnotherTypeIsNotAnAgentToken() {
        Agent a = Tenant.create().machine().worker();
        String claims = claims(a, now(), now() + 60);
        refused(call(a.jwt.sign("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}", claims)), NOT_A_TOKEN);
        refused(call(a.jwt.sign("{\"alg\":\"EdDSA\"}", claims)), NOT_A_TOKEN);
        refused(call(a.jwt.sign("{\"alg\":\"EdDSA\",\"typ\":\"host+jwt\"}", claims)), NOT_A_TOKEN);
    }

    @Test
    void requiredClaimsMustBePresent() {
        Agent a = Tenant.create().machine().worker();
        String aud = Server.url();
        refused(call(signed(a, AgentJwt.claims(null, a.id, UUID.randomUUID().toString(), aud, now(), now() + 60))),
                INVALID_JWT);
        refused(call(signed(a, AgentJwt.claims(a.sessionId, a.id, null, aud, now(), now() + 60))), INVALID_JWT);
        refused(call(signed(a, "{\"sub\":\"" + a.sessionId + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"aud\":\""
                + aud + "\"}")), INVALID_JWT);
        refused(call(signed(a, AgentJwt.claims(UUID.randomUUID().toString(), a.id, UUID.randomUUID().toString(), aud,
                now(), now() + 60))), NOT_FOUND);
    }

    @Test
    void aTokenIsAcceptedOnce() {
        Agent a = Tenant.create().machine().worker();
        String token = a.token();
        call(token).statusCode(200);
        refused(call(token), REPLAY);
    }

    @Test
    void aClosedSessionMayOnlyReportUsageAndPostChat() {
        Machine m = Tenant.create().machine();
        Agent a = m.worker();
        m.request().delete("/api/agents/" + a.id + "/sessions/" + a.sessionId).then().statusCode(200);
        refused(a.request().get("/api/agents").then(), CLOSED);
        refused(a.request().post("/api/tasks/zzzzzzzzzzzz/claim").then(), CLOSED);
        a.request().body(Map.of("cost_micro_usd", 5))
                .patch("/api/agents/" + a.id + "/sessions/" + a.sessionId + "/usage").then().statusCode(200);
        // The chat route admits the token; the unknown task is then the only problem.
        a.request().body(Map.of("content", "last words"))
                .post("/api/tasks/zzzzzzzzzzzz/messages").then().statusCode(404);
    }

    @Test
    void tokensOfDeletedAgentsAndMachinesStopWorking() {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        Agent deletedAgent = m.worker();
        Agent onDeletedMachine = m.worker();
        t.asUser().delete("/api/agents/" + deletedAgent.id).then().statusCode(200);
        refused(deletedAgent.request().get("/api/agents").then(), NOT_FOUND);
        onDeletedMachine.request().get("/api/agents").then().statusCode(200);
        t.asUser().delete("/api/machines/" + m.id).then().statusCode(200);
        refused(onDeletedMachine.request().get("/api/agents").then(), NOT_FOUND);
    }

    @Test
    void malformedTokensAreRefused() {
        Agent a = Tenant.create().machine().worker();
        String header = AgentJwt.encode(AgentJwt.HEADER);
        refused(call(header + ".%%%%." + Base64Url.encode(new byte[64])), INVALID_JWT);
        refused(call(header + "." + AgentJwt.encode("[1,2]") + "." + Base64Url.encode(new byte[64])), INVALID_JWT);
        refused(call(header + "." + AgentJwt.encode(claims(a, now(), now() + 60)) + ".!!!"), INVALID_JWT);
        refused(call("%%%." + AgentJwt.encode(claims(a, now(), now() + 60)) + ".x"), NOT_A_TOKEN);
        refused(call(header + ".a.b.c"), NOT_A_TOKEN);
        refused(call("x".repeat(10 * 1024)), NOT_A_TOKEN);
        refused(call(header + "." + "y".repeat(10 * 1024) + ".z"), NOT_A_TOKEN);
    }

    @Test
    void anAgentTokenIsOnlyTakenFromTheHeader() {
        Agent a = Tenant.create().machine().worker();
        refused(given().queryParam("token", a.token()).get("/api/agents").then(), NOT_A_TOKEN);
    }

    @Test
    void anAgentIdOtherThanTheSessionsIsForbidden() {
        Machine m = Tenant.create().machine();
        Agent a = m.worker();
        String other = m.worker().id;
        call(a.jwt.token(a.sessionId, other, Server.url())).statusCode(403)
                .body("error.code", equalTo("FORBIDDEN"))
                .body("error.message", equalTo("Agent ID mismatch"));
        call(signed(a, AgentJwt.claims(a.sessionId, null, UUID.randomUUID().toString(), Server.url(), now(),
                now() + 60))).statusCode(200);
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String claims(Agent a, long iat, long exp) {
        return AgentJwt.claims(a.sessionId, a.id, UUID.randomUUID().toString(), Server.url(), iat, exp);
    }

    static String signed(Agent a, String claims) {
        return a.jwt.sign(AgentJwt.HEADER, claims);
    }

    static ValidatableResponse call(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .get("/api/agents").then();
    }

    static void refused(ValidatableResponse response, String message) {
        response.statusCode(401)
                .body("error.code", equalTo("UNAUTHORIZED"))
                .body("error.message", equalTo(message));
    }
}
