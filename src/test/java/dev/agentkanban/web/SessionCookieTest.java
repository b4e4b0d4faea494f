package dev.agentkanban.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.support.Server;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The browser's session cookie: who gets one, what it opens, and that only our own pages can change state with it. */
@QuarkusTest
class SessionCookieTest {

    private static final String COOKIE = "better-auth.session_token";
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    @Test
    void onlyASignInFromOurOwnPageSetsTheCookieAndItIsHttpOnlyAndStrict() {
        Tenant tenant = Tenant.create();
        Response fromPage = signIn(tenant, Server.url());
        String cookie = fromPage.getHeader("Set-Cookie");
        assertThat(cookie).startsWith(COOKIE + "=" + fromPage.path("token") + ";")
                .contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=604800");
        assertThat(signIn(tenant, null).getHeader("Set-Cookie")).isNull();
        assertThat(signIn(tenant, "https://evil.example").getHeader("Set-Cookie")).isNull();
    }

    @Test
    void theCookieReadsTheApiAndThePagesButChangesStateOnlyWithOriginAndToken() {
        Tenant tenant = Tenant.create();
        String token = signIn(tenant, Server.url()).path("token");
        given().cookie(COOKIE, token).get("/api/boards").then().statusCode(200);
        String csrf = csrf(token);
        Map<String, Object> board = Map.of("name", "cookie board", "type", "ops");

        refused(cookie(token).body(board), "Cross-site request refused: the Origin header does not name this server");
        refused(cookie(token).header("Origin", "https://evil.example").header("X-CSRF-Token", csrf).body(board),
                "Cross-site request refused: the Origin header does not name this server");
        refused(cookie(token).header("Origin", Server.url()).body(board), "Missing or wrong X-CSRF-Token header");
        refused(cookie(token).header("Origin", Server.url()).header("X-CSRF-Token", csrf + "x").body(board),
                "Missing or wrong X-CSRF-Token header");
        refused(cookie(token).header("Origin", Server.url()).header("X-CSRF-Token", csrf(tenant.token)).body(board),
                "Missing or wrong X-CSRF-Token header");
        assertThat(tenant.asUser().get("/api/boards").jsonPath().getList("$")).isEmpty();

        cookie(token).header("Origin", Server.url()).header("X-CSRF-Token", csrf).body(board).post("/api/boards")
                .then().statusCode(201);
        assertThat(tenant.asUser().get("/api/boards").jsonPath().getList("name")).containsExactly("cookie board");
    }

    @Test
    void bearerTokensNeedNeitherOriginNorToken() {
        Tenant tenant = Tenant.create();
        tenant.asUser().header("Origin", "https://evil.example").body(Map.of("name", "b", "type", "ops"))
                .post("/api/boards").then().statusCode(201);
    }

    @Test
    void theAuthLibraryRoutesTakeTheCookieUnderTheSameRule() {
        Tenant tenant = Tenant.create();
        String token = signIn(tenant, Server.url()).path("token");
        cookie(token).header("Origin", Server.url()).body(Map.of("name", "k")).post("/api/auth/api-key/create")
                .then().statusCode(403).body("error.message", equalTo("Missing or wrong X-CSRF-Token header"));
        cookie(token).header("Origin", Server.url()).header("X-CSRF-Token", csrf(token)).body(Map.of("name", "k"))
                .post("/api/auth/api-key/create").then().statusCode(200);
        given().cookie(COOKIE, token).get("/api/auth/get-session").then().statusCode(200)
                .body("user.email", equalTo(tenant.email));
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() {
        Tenant tenant = Tenant.create();
        String token = signIn(tenant, Server.url()).path("token");
        cookie(token).post("/api/auth/sign-out").then().statusCode(403);
        Response out = cookie(token).header("Origin", Server.url()).header("X-CSRF-Token", csrf(token))
                .post("/api/auth/sign-out");
        out.then().statusCode(200).body("success", equalTo(true));
        assertThat(out.getHeader("Set-Cookie")).startsWith(COOKIE + "=;").contains("Max-Age=0");
        given().cookie(COOKIE, token).get("/api/boards").then().statusCode(401);
    }

    @Test
    void pagesSendTheSignedOutToSignInAndRefuseOtherIdentities() {
        given().redirects().follow(false).accept("text/html").get("/boards/new").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/auth?next=%2Fboards%2Fnew"));
        given().redirects().follow(false).get("/boards/new").then().statusCode(401)
                .body("error.message", equalTo("Missing token"));
        Tenant tenant = Tenant.create();
        String key = tenant.createApiKey();
        Response page = given().header("Authorization", "Bearer " + key).accept("text/html").get("/");
        page.then().statusCode(403).contentType("text/html");
        assertThat(page.asString()).contains("user required");
        given().header("Authorization", "Bearer " + tenant.token).accept("text/html").get("/nope/nothing")
                .then().statusCode(404);
        given().accept("text/html").get("/auth").then().statusCode(200).contentType("text/html");
    }

    private static Response signIn(Tenant tenant, String origin) {
        RequestSpecification request = given().contentType(ContentType.JSON)
                .body(Map.of("email", tenant.email, "password", Tenant.PASSWORD));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return request.post("/api/auth/sign-in/email").then().statusCode(200).extract().response();
    }

    /** The token a page rendered for this login carries. */
    private static String csrf(String token) {
        String html = given().cookie(COOKIE, token).accept("text/html").get("/").then().statusCode(200)
                .extract().asString();
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static RequestSpecification cookie(String token) {
        return given().cookie(COOKIE, token).contentType(ContentType.JSON);
    }

    private static void refused(RequestSpecification request, String message) {
        request.post("/api/boards").then().statusCode(403).body("error.message", equalTo(message));
    }
}
