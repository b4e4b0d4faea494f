package dev.agentkanban.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh user of the running server, so every test works in its own tenant. Signs up through
 * the real endpoint and keeps the bearer token.
 */
public final class Tenant {

    public static final String PASSWORD = "correct horse battery";

    public final String email;
    public final String userId;
    public final String token;

    private Tenant(String email, String userId, String token) {
        this.email = email;
        this.userId = userId;
        this.token = token;
    }

    public static Tenant create() {
        String email = "u" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
        var response = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Test User", "email", email, "password", PASSWORD))
                .post("/api/auth/sign-up/email")
                .then().statusCode(200).extract();
        return new Tenant(email, response.path("user.id"), response.path("token"));
    }

    /** An existing user (signed up elsewhere, e.g. in a browser), signed in through the API. */
    public static Tenant signIn(String email, String password) {
        var response = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/sign-in/email")
                .then().statusCode(200).extract();
        return new Tenant(email, response.path("user.id"), response.path("token"));
    }

    /** The test profile's administrator (see ak.admin-emails), signed up on first use. */
    public static synchronized Tenant admin() {
        String email = "admin@agent-kanban.test";
        var signIn = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/sign-in/email");
        if (signIn.statusCode() == 200) {
            return new Tenant(email, signIn.path("user.id"), signIn.path("token"));
        }
        var response = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Admin", "email", email, "password", PASSWORD))
                .post("/api/auth/sign-up/email")
                .then().statusCode(200).extract();
        return new Tenant(email, response.path("user.id"), response.path("token"));
    }

    /** A request signed in as this user. */
    public RequestSpecification asUser() {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Creates a machine API key and returns its plaintext. */
    public String createApiKey() {
        return asUser().body(Map.of("name", "test")).post("/api/auth/api-key/create")
                .then().statusCode(200).extract().path("key");
    }

    /** Registers a new machine of this tenant (its own API key, bound by the registration). */
    public Machine machine() {
        return Machine.register(this);
    }

    public static RequestSpecification withKey(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
    }
}
