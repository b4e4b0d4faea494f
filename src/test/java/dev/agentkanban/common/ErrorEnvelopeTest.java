package dev.agentkanban.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

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
}
