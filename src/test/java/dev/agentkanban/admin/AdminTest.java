package dev.agentkanban.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;

import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminTest {

    @Test
    void statsAreForAdminsOnly() {
        Tenant.create().asUser().get("/api/admin/stats")
                .then().statusCode(403)
                .body("error.code", equalTo("FORBIDDEN"))
                .body("error.message", equalTo("FORBIDDEN"));
        Tenant.admin().asUser().get("/api/admin/stats")
                .then().statusCode(200)
                .body("users.total", greaterThanOrEqualTo(2))
                .body("users.recent", greaterThanOrEqualTo(2))
                .body("agents.total", instanceOf(Integer.class))
                .body("tasks.todo", instanceOf(Integer.class))
                .body("tasks.cancelled", instanceOf(Integer.class))
                .body("boards.total", instanceOf(Integer.class))
                .body("machines.online", instanceOf(Integer.class));
    }

    @Test
    void statsNeedAUser() {
        given().get("/api/admin/stats").then().statusCode(401).body("error.message", equalTo("Missing token"));
    }

    @Test
    void machinesOverviewIsForAdminsOnly() {
        Tenant.create().asUser().get("/api/admin/machines").then().statusCode(403)
                .body("error.message", equalTo("FORBIDDEN"));
        Tenant.admin().asUser().get("/api/admin/machines").then().statusCode(200);
    }

    @Test
    void adminCanListBanAndUnbanUsers() {
        Tenant admin = Tenant.admin();
        Tenant user = Tenant.create();
        admin.asUser().get("/api/auth/admin/list-users?searchField=email&searchValue=" + user.email)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("users.id", hasItem(user.userId));

        admin.asUser().body(Map.of("userId", user.userId, "banReason", "spam"))
                .post("/api/auth/admin/ban-user")
                .then().statusCode(200).body("user.banned", equalTo(true));
        user.asUser().get("/api/auth/get-session").then().statusCode(200).body(equalTo("null"));
        given().contentType(ContentType.JSON).body(Map.of("email", user.email, "password", Tenant.PASSWORD))
                .post("/api/auth/sign-in/email")
                .then().statusCode(403).body("code", equalTo("BANNED_USER"));

        admin.asUser().body(Map.of("userId", user.userId)).post("/api/auth/admin/unban-user")
                .then().statusCode(200).body("user.banned", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("email", user.email, "password", Tenant.PASSWORD))
                .post("/api/auth/sign-in/email")
                .then().statusCode(200);
    }

    @Test
    void nonAdminsAreRefusedAndAnonymousGetAnEmpty401() {
        Tenant.create().asUser().get("/api/auth/admin/list-users")
                .then().statusCode(403).body("code", equalTo("YOU_ARE_NOT_ALLOWED_TO_LIST_USERS"));
        given().get("/api/auth/admin/list-users").then().statusCode(401).body(equalTo(""));
    }

    @Test
    void adminCannotBanOrRemoveThemselves() {
        Tenant admin = Tenant.admin();
        admin.asUser().body(Map.of("userId", admin.userId)).post("/api/auth/admin/ban-user")
                .then().statusCode(400).body("code", equalTo("YOU_CANNOT_BAN_YOURSELF"));
        admin.asUser().body(Map.of("userId", admin.userId)).post("/api/auth/admin/remove-user")
                .then().statusCode(400).body("code", equalTo("YOU_CANNOT_REMOVE_YOURSELF"));
    }
}
