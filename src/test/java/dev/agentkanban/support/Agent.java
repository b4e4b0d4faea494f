package dev.agentkanban.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** An agent with one open session, calling the server with agent JWTs as the CLI does. */
public final class Agent {

    public final Machine machine;
    public final String id;
    public final String sessionId;
    public final AgentJwt jwt;
    public final String delegationProof;

    Agent(Machine machine, String id, String sessionId, AgentJwt jwt, String delegationProof) {
        this.machine = machine;
        this.id = id;
        this.sessionId = sessionId;
        this.jwt = jwt;
        this.delegationProof = delegationProof;
    }

    /** A fresh token (new jti, iat now) for one request. */
    public String token() {
        return jwt.token(sessionId, id, Server.url());
    }

    /** This agent's {@code ak} commands: every call signed with a fresh token. */
    public Cli cli() {
        return Cli.as(this);
    }

    /** A request signed as this agent; call it once per request, as every token is single-use. */
    public RequestSpecification request() {
        return given().header("Authorization", "Bearer " + token()).contentType(ContentType.JSON);
    }
}
