package dev.agentkanban.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ErrorEnvelopeTest {

    @Test
    void unknownRouteIsA404Envelope() {
        given().get("/api/nope")
                .then().statusCode(404)
                .contentType("application/json")
                .body("error.code", equalTo("NOT_FOUND"))
                .body("error.message", equalTo("No route for GET /api/nope"));
    }

    @Test
    void unknownRouteOutsideApiIsA404Envelope() {
        given().get("/nothing/here").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
    }

    @Test
    void wrongMethodIsA405Envelope() {
        given().contentType("application/json").body("{").post("/api/ping")
                .then().statusCode(405)
                .body("error.code", equalTo("METHOD_NOT_ALLOWED"))
                .body("error.message", equalTo("Method POST is not allowed on /api/ping"));
    }

    @Test
    void malformedJsonIsA400SayingSo() {
        given().contentType("application/json").body("{\"name\":").post("/test/errors/echo")
                .then().statusCode(400)
                .body("error.code", equalTo("INVALID_JSON"))
                .body("error.message", containsString("not valid JSON"));
    }

    @Test
    void wrongTypeIsA400() {
        given().contentType("application/json").body("{\"count\":\"many\"}").post("/test/errors/echo")
                .then().statusCode(400)
                .body("error.code", equalTo("INVALID_JSON"));
    }

    @Test
    void unsupportedMediaTypeIsA415Envelope() {
        given().contentType("text/plain").body("hello").post("/test/errors/echo")
                .then().statusCode(415)
                .body("error.code", equalTo("UNSUPPORTED_MEDIA_TYPE"))
                .body("error.message", containsString("text/plain"));
    }

    @Test
    void unexpectedExceptionIsA500WithoutDetails() {
        given().post("/test/errors/crash")
                .then().statusCode(500)
                .body("error.code", equalTo("INTERNAL_ERROR"))
                .body("error.message", equalTo("Internal server error"))
                .body(not(containsString("secret")));
    }

    @Test
    void oversizedBodyIsA413Envelope() {
        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        given().contentType("application/json").body(big).post("/test/errors/echo")
                .then().statusCode(413)
                .body("error.code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    /** The framework checks the URI before any route runs; its refusal must still say why. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/tasks?cursor=%ZZ", "/api/ping?x=%ZZ", "/api/boards?name=%E0%A4%A",
            "/api/auth/get-session?token=%", "/nothing?q=%G1"})
    void malformedPercentEscapeInTheQueryIsA400Envelope(String target) throws Exception {
        RawHttp.Answer answer = RawHttp.get(target, Map.of("Authorization", "Bearer not-a-token"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode error = new ObjectMapper().readTree(answer.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("INVALID_URI");
        assertThat(error.path("message").asText()).startsWith("Request URI is not valid: Malformed escape pair")
                .contains("in the query string");
    }

    @Test
    void invalidPathIsA400Envelope() throws Exception {
        RawHttp.Answer answer = RawHttp.get("/api/tasks/%ZZ|x", Map.of());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(answer.body()).at("/error/message").asText())
                .startsWith("Request URI is not valid: ").contains("in the path");
    }
}
