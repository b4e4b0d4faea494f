package dev.agentkanban.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.JsonKeys;
import dev.agentkanban.support.Tenant;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RepoResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void urlsAreNormalisedAndFullNamesDerived() {
        Tenant t = Tenant.create();
        String json = t.asUser().body(Map.of("name", "api", "url", "git@github.com:acme/api.git"))
                .post("/api/repositories")
                .then().statusCode(201)
                .body("id", matchesPattern("[0-9a-z]{8}"))
                .body("owner_id", equalTo(t.userId))
                .body("url", equalTo("https://github.com/acme/api"))
                .body("full_name", equalTo("acme/api"))
                .extract().asString();
        assertThat(JsonKeys.of(json, "")).containsExactly("id", "owner_id", "name", "url", "created_at", "full_name");
        create(t, "https://gitlab.com/g/sub/r.git", "https://gitlab.com/g/sub/r", "g/sub/r");
        create(t, "https://github.com/org/repo/", "https://github.com/org/repo/", "org/repo/");
        create(t, "file:///srv/repo.git", "file:///srv/repo", null);
        create(t, "git@host.example:team/x", "https://host.example/team/x", "team/x");
    }

    @Test
    void duplicatesPerOwnerAreAConflictAndRequiredFieldsAreChecked() {
        Tenant t = Tenant.create();
        t.asUser().body(Map.of("name", "api", "url", "https://github.com/acme/api")).post("/api/repositories")
                .then().statusCode(201);
        t.asUser().body(Map.of("name", "again", "url", "git@github.com:acme/api.git")).post("/api/repositories")
                .then().statusCode(409)
                .body("error.code", equalTo("REPOSITORY_EXISTS"))
                .body("error.message", equalTo("Repository https://github.com/acme/api is already registered"));
        Tenant.create().asUser().body(Map.of("name", "api", "url", "https://github.com/acme/api"))
                .post("/api/repositories").then().statusCode(201);
        t.asUser().body(Map.of("name", "api")).post("/api/repositories")
                .then().statusCode(400).body("error.message", equalTo("name and url are required"));
        t.asUser().body(Map.of("name", "", "url", "x")).post("/api/repositories")
                .then().statusCode(400).body("error.message", equalTo("name and url are required"));
    }

    @Test
    void listCountsTasksFiltersByNormalisedUrlAndIsNewestFirst() {
        Workspace ws = Workspace.create(new DirectAgents(db));
        String url = ws.user().get("/api/repositories/" + ws.repoId).then().extract().path("url");
        String second = ws.user().body(Map.of("name", "web", "url", url + "-web.git")).post("/api/repositories")
                .then().extract().path("id");
        ws.task("one");
        ws.task("two");
        String json = ws.worker.request().get("/api/repositories").then().statusCode(200)
                .body("id", equalTo(List.of(second, ws.repoId)))
                .body("task_count", equalTo(List.of(0, 2)))
                .extract().asString();
        assertThat(JsonKeys.of(json, "/0")).containsExactly("id", "owner_id", "name", "url", "created_at",
                "task_count", "full_name");
        ws.user().get("/api/repositories?url=" + url + ".git").then().body("id", equalTo(List.of(ws.repoId)));
        ws.user().get("/api/repositories?url=" + url + "-web.git").then().body("id", equalTo(List.of(second)));
        ws.user().get("/api/repositories?url=").then().body("size()", equalTo(2));
        ws.user().get("/api/repositories/" + ws.repoId).then().statusCode(200).body("task_count", nullValue());
    }

    @Test
    void deleteDetachesTasksAndOnlyUsersAndLeadersMayDelete() {
        Workspace ws = Workspace.create(new DirectAgents(db));
        String task = ws.task("uses the repo");
        ws.worker.request().delete("/api/repositories/" + ws.repoId)
                .then().statusCode(403).body("error.message", equalTo("user or agent:leader required"));
        ws.worker.request().body(Map.of("name", "x", "url", "y")).post("/api/repositories")
                .then().statusCode(403).body("error.message", equalTo("user or agent:leader required"));
        ws.leader.request().delete("/api/repositories/" + ws.repoId).then().statusCode(200).body("ok", equalTo(true));
        ws.user().get("/api/repositories/" + ws.repoId)
                .then().statusCode(404).body("error.message", equalTo("Repository not found"));
        ws.user().get("/api/tasks/" + task).then().body("repository_id", nullValue()).body("repository_name", nullValue());
        ws.user().delete("/api/repositories/" + ws.repoId).then().statusCode(404);
    }

    private static void create(Tenant t, String url, String normalised, String fullName) {
        t.asUser().body(Map.of("name", "r", "url", url)).post("/api/repositories")
                .then().statusCode(201)
                .body("url", equalTo(normalised))
                .body("full_name", equalTo(fullName));
    }
}
