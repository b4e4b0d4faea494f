package dev.agentkanban.packaged;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** A fresh user of a server process, signed up through the API, with a machine API key for its daemon. */
final class Account {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String baseUrl;
    final String token;
    final String apiKey;

    private Account(String baseUrl, String token, String apiKey) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.apiKey = apiKey;
    }

    static Account signUp(ServerProcess server) {
        String baseUrl = "http://127.0.0.1:" + server.port;
        String email = "u" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
        String token = given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("name", "Real Client", "email", email, "password", "real client password"))
                .post("/api/auth/sign-up/email").then().statusCode(200).extract().path("token");
        String key = given().baseUri(baseUrl).contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("name", "laptop")).post("/api/auth/api-key/create")
                .then().statusCode(200).extract().path("key");
        return new Account(baseUrl, token, key);
    }

    /** A GET as this user (as the web app reads the board), answered 200. */
    JsonNode get(String path) {
        String body = given().baseUri(baseUrl).header("Authorization", "Bearer " + token).get(path)
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(path + " answered " + body, e);
        }
    }

    /** A POST as this user, as the web app sends it, answered 200. */
    JsonNode post(String path, Map<String, ?> body) {
        String answer = given().baseUri(baseUrl).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(answer);
        } catch (java.io.IOException e) {
            throw new AssertionError(path + " answered " + answer, e);
        }
    }

    /** The relay address a browser of this user opens for one agent session. */
    String browserRelay(String sessionId) {
        return baseUrl.replace("http", "ws") + "/api/tunnel/ws?role=browser&sessionId=" + sessionId + "&token=" + token;
    }
}
