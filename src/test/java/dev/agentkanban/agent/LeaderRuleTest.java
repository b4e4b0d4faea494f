package dev.agentkanban.agent;

import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One leader per (owner, runtime), any number of workers (the seed change and auth spec 5.4). */
@QuarkusTest
class LeaderRuleTest {

    static final String CLAUDE_TAKEN = "Leader agent for runtime \"claude\" already exists";

    @Test
    void secondLeaderOfARuntimeIsRefusedWithTheExactMessage() {
        Machine m = Tenant.create().machine();
        create(m, Machine.uniqueUsername(), "claude", "leader").statusCode(201).body("kind", equalTo("leader"));
        conflict(create(m, Machine.uniqueUsername(), "claude", "leader"), CLAUDE_TAKEN);
    }

    @Test
    void aTakenUsernameWinsOverTheLeaderRule() {
        Machine m = Tenant.create().machine();
        String username = Machine.uniqueUsername();
        create(m, username, "claude", "leader").statusCode(201);
        conflict(create(m, username, "claude", "leader"), "Username \"" + username + "\" is already taken");
    }

    @Test
    void usernamesAreGlobalAcrossOwners() {
        String username = Machine.uniqueUsername();
        create(Tenant.create().machine(), username, "claude", "worker").statusCode(201);
        conflict(create(Tenant.create().machine(), username, "codex", "worker"),
                "Username \"" + username + "\" is already taken");
    }

    @Test
    void workersOtherRuntimesAndOtherOwnersAreNotLimited() {
        Machine m = Tenant.create().machine();
        create(m, Machine.uniqueUsername(), "claude", "leader").statusCode(201);
        create(m, Machine.uniqueUsername(), "claude", "worker").statusCode(201);
        create(m, Machine.uniqueUsername(), "claude", "worker").statusCode(201);
        create(m, Machine.uniqueUsername(), "claude", null).statusCode(201).body("kind", equalTo("worker"));
        create(m, Machine.uniqueUsername(), "codex", "leader").statusCode(201);
        create(m, Machine.uniqueUsername(), "gemini", "leader").statusCode(201);
        create(Tenant.create().machine(), Machine.uniqueUsername(), "claude", "leader").statusCode(201);
    }

    @Test
    void deletingTheLeaderFreesItsRuntime() {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        String id = create(m, Machine.uniqueUsername(), "claude", "leader").statusCode(201).extract().path("id");
        t.asUser().delete("/api/agents/" + id).then().statusCode(200).body("ok", equalTo(true));
        create(m, Machine.uniqueUsername(), "claude", "leader").statusCode(201);
    }

    @Test
    void movingALeaderOntoATakenRuntimeIsRefused() {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        create(m, Machine.uniqueUsername(), "claude", "leader").statusCode(201);
        String codex = create(m, Machine.uniqueUsername(), "codex", "leader").statusCode(201).extract().path("id");
        conflict(t.asUser().body(Map.of("runtime", "claude")).patch("/api/agents/" + codex).then(), CLAUDE_TAKEN);
        t.asUser().get("/api/agents/" + codex).then().statusCode(200).body("runtime", equalTo("codex"));

        t.asUser().body(Map.of("runtime", "gemini")).patch("/api/agents/" + codex)
                .then().statusCode(200).body("runtime", equalTo("gemini"));
        String worker = create(m, Machine.uniqueUsername(), "codex", "worker").statusCode(201).extract().path("id");
        t.asUser().body(Map.of("runtime", "claude")).patch("/api/agents/" + worker)
                .then().statusCode(200).body("runtime", equalTo("claude"));
    }

    @Test
    void aLeaderSessionCallsAsAgentLeader() {
        Machine m = Tenant.create().machine();
        var leader = m.leader("claude");
        // A worker may not create agents; a leader may.
        leader.request().body(Map.of("username", Machine.uniqueUsername(), "runtime", "codex"))
                .post("/api/agents").then().statusCode(201);
        m.worker().request().body(Map.of("username", Machine.uniqueUsername(), "runtime", "codex"))
                .post("/api/agents").then().statusCode(403)
                .body("error.message", equalTo("user or machine or agent:leader required"));
    }

    static ValidatableResponse create(Machine m, String username, String runtime, String kind) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "runtime", runtime));
        if (kind != null) {
            body.put("kind", kind);
        }
        return m.request().body(body).post("/api/agents").then();
    }

    static void conflict(ValidatableResponse response, String message) {
        response.statusCode(409).body("error.message", equalTo(message));
    }
}
