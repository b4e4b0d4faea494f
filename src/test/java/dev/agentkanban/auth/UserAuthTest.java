package dev.agentkanban.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.nullValue;

import dev.agentkanban.support.Tenant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserAuthTest {

    @Inject
    AgroalDataSource db;

    @Test
    void signUpSignInGetSessionSignOut() {
        Tenant t = Tenant.create();
        assertThat(t.token).hasSize(32);

        String token = given().contentType(ContentType.JSON)
                .body(Map.of("email", t.email.toUpperCase(), "password", Tenant.PASSWORD))
                .post("/api/auth/sign-in/email")
                .then().statusCode(200)
                .body("redirect", equalTo(false))
                .body("user.email", equalTo(t.email))
                .body("token", hasLength(32))
                .extract().path("token");

        given().header("Authorization", "Bearer " + token).get("/api/auth/get-session")
                .then().statusCode(200)
                .body("user.id", equalTo(t.userId))
                .body("session.userId", equalTo(t.userId))
                .body("session.token", equalTo(token));

        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{}")
                .post("/api/auth/sign-out")
                .then().statusCode(200).body("success", equalTo(true));

        given().header("Authorization", "Bearer " + token).get("/api/auth/get-session")
                .then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void tokensAndPasswordsAreStoredOnlyAsHashes() throws Exception {
        Tenant t = Tenant.create();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT s.token, a.password FROM \"session\" s JOIN account a ON a.userId = s.userId "
                                + "WHERE s.userId = ?")) {
            s.setString(1, t.userId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNotEqualTo(t.token).hasSize(43);
                assertThat(rs.getString(2)).startsWith("$argon2id$").doesNotContain(Tenant.PASSWORD);
            }
        }
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Tenant t = Tenant.create();
        for (String email : new String[] {t.email, "nobody-" + t.email}) {
            given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "wrong password"))
                    .post("/api/auth/sign-in/email")
                    .then().statusCode(401)
                    .body("code", equalTo("INVALID_EMAIL_OR_PASSWORD"))
                    .body("message", equalTo("Invalid email or password"));
        }
    }

    /**
     * An unknown e-mail costs the same password-hash work as a wrong password, so response time
     * does not reveal which accounts exist. Wide bounds: only a skipped hash (a 10x gap) fails.
     */
    @Test
    void unknownEmailTakesAsLongAsAWrongPassword() {
        Tenant t = Tenant.create();
        long known = medianSignInNanos(t.email);
        long unknown = medianSignInNanos("nobody-" + t.email);
        assertThat((double) unknown / known).isBetween(0.33, 3.0);
    }

    private static long medianSignInNanos(String email) {
        long[] times = new long[7];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "wrong password"))
                    .post("/api/auth/sign-in/email").then().statusCode(401);
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }

    @Test
    void duplicateEmailIs422() {
        Tenant t = Tenant.create();
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Again", "email", t.email, "password", "another password"))
                .post("/api/auth/sign-up/email")
                .then().statusCode(422).body("code", equalTo("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"));
    }

    @Test
    void weakOrMissingPasswordAndBadEmailAre400() {
        given().contentType(ContentType.JSON).body(Map.of("name", "A", "email", "a@example.com", "password", "short"))
                .post("/api/auth/sign-up/email")
                .then().statusCode(400).body("code", equalTo("PASSWORD_TOO_SHORT"));
        given().contentType(ContentType.JSON).body(Map.of("name", "A", "email", "not-an-email", "password", "long enough"))
                .post("/api/auth/sign-up/email")
                .then().statusCode(400).body("message", equalTo("[body.email] Invalid email address"));
        given().contentType(ContentType.JSON).body(Map.of("name", "A", "email", "b@example.com"))
                .post("/api/auth/sign-up/email")
                .then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void apiKeyIsShownOnceStoredHashedAndRevocable() {
        Tenant t = Tenant.create();
        var created = t.asUser().body(Map.of("name", "laptop")).post("/api/auth/api-key/create")
                .then().statusCode(200)
                .extract();
        String key = created.path("key");
        String id = created.path("id");
        assertThat(key).matches("ak_[A-Za-z]{64}");
        assertThat((String) created.path("start")).isEqualTo(key.substring(0, 6));

        t.asUser().get("/api/auth/api-key/get?id=" + id)
                .then().statusCode(200).body("key", nullValue()).body("metadata", nullValue());
        Tenant other = Tenant.create();
        other.asUser().get("/api/auth/api-key/get?id=" + id).then().statusCode(404).body("code", equalTo("KEY_NOT_FOUND"));

        t.asUser().body(Map.of("keyId", id)).post("/api/auth/api-key/delete")
                .then().statusCode(200).body("success", equalTo(true));
        t.asUser().get("/api/auth/api-key/list").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void clientCannotBindAKeyToAMachine() {
        Tenant t = Tenant.create();
        t.asUser().body(Map.of("name", "x", "metadata", Map.of("machineId", "abcd1234")))
                .post("/api/auth/api-key/create")
                .then().statusCode(400).body("code", equalTo("SERVER_ONLY_PROPERTY"));
    }
}
