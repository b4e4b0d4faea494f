package dev.agentkanban.share;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.support.DirectBoards;
import dev.agentkanban.support.SseClient;
import dev.agentkanban.support.SseClient.Event;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShareTest {

    @Inject
    DirectBoards boards;

    private String at(int minutesAgo) {
        return Times.format(Instant.now().minusSeconds(60L * minutesAgo));
    }

    @Test
    void theShareViewShowsTheBoardAndOnlyThePublicTaskFieldsInBoardOrder() {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId, "Platform");
        String slug = boards.share(board);
        String agent = boards.agent(tenant.userId, "Backend Dev", "worker");
        String repo = Ids.shortId();
        boards.sql("INSERT INTO repositories (id, owner_id, name, url, created_at) VALUES (?, ?, 'api', 'https://github.com/acme/api', ?)",
                repo, tenant.userId, Times.now());
        String low = boards.task(board, "low", "todo", "low", at(50), at(50));
        String cancelled = boards.task(board, "cancelled", "cancelled", null, at(40), at(1));
        String done = boards.task(board, "done", "done", "urgent", at(40), at(2));
        String olderActive = boards.task(board, "older active", "in_progress", null, at(40), at(20));
        String medium = boards.task(board, "medium", "todo", "medium", at(30), at(30));
        String review = boards.task(board, "review", "in_review", null, at(40), at(3));
        String newerActive = boards.task(board, "newer active", "in_progress", null, at(40), at(10));
        String olderHigh = boards.task(board, "older high", "todo", "high", at(25), at(25));
        String unprioritised = boards.task(board, "no priority", "todo", null, at(20), at(20));
        String newerHigh = boards.task(board, "newer high", "todo", "high", at(15), at(15));
        String urgent = boards.task(board, "urgent", "todo", "urgent", at(45), at(45));
        boards.sql("""
                UPDATE tasks SET labels = '["backend"]', repository_id = ?, assigned_to = ?, description = 'secret plan',
                       result = 'secret result', pr_url = 'https://example.com/pr/1', input = '{"k":"v"}',
                       created_by = 'someone', scheduled_at = '2030-01-01T00:00:00.000Z'
                WHERE id = ?""", repo, agent, urgent);

        Response response = given().header("Authorization", "Bearer ignored").get("/api/share/" + slug);
        response.then().statusCode(200).header("Content-Type", "application/json");
        JsonPath json = response.jsonPath();
        Map<String, Object> view = json.getMap("");
        assertThat(view.keySet()).containsExactly("id", "owner_id", "name", "description", "created_at", "updated_at",
                "task_seq", "visibility", "share_slug", "type", "tasks");
        assertThat(view).containsEntry("id", board).containsEntry("owner_id", tenant.userId)
                .containsEntry("name", "Platform").containsEntry("task_seq", 11).containsEntry("visibility", "public")
                .containsEntry("share_slug", slug).containsEntry("type", "dev");
        assertThat(json.getList("tasks.id")).containsExactly(urgent, newerHigh, olderHigh, unprioritised, medium, low,
                newerActive, olderActive, review, done, cancelled);

        Map<String, Object> first = json.getMap("tasks[0]");
        assertThat(first.keySet()).containsExactly("id", "seq", "title", "status", "priority", "labels",
                "repository_name", "agent_name", "agent_public_key", "scheduled_at", "created_at", "updated_at");
        assertThat(first).containsEntry("seq", 11).containsEntry("labels", List.of("backend"))
                .containsEntry("repository_name", "api").containsEntry("agent_name", "Backend Dev")
                .containsEntry("agent_public_key", "pk-" + agent)
                .containsEntry("scheduled_at", "2030-01-01T00:00:00.000Z");
        assertThat(response.asString()).doesNotContain("secret", "example.com/pr", "someone", "\"blocked\"");
        assertThat(json.getMap("tasks[1]")).containsEntry("labels", null).containsEntry("agent_name", null);
    }

    @Test
    void privateAndUnknownBoardsAreNotFoundOnEveryShareRoute() {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        String slug = boards.share(board);
        boards.sql("UPDATE boards SET visibility = 'private' WHERE id = ?", board);
        for (String s : List.of(slug, "nosuchslug")) {
            for (String path : List.of("", "/badge.svg", "/stream")) {
                given().get("/api/share/" + s + path)
                        .then().statusCode(404)
                        .header("Content-Type", "application/json")
                        .body("error.message", equalTo("Board not found"));
            }
        }
        boards.sql("UPDATE boards SET visibility = 'Public' WHERE id = ?", board);
        given().get("/api/share/" + slug).then().statusCode(404);
    }

    @Test
    void theBadgeIsTheSpecsExactSvg() {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId, "demo");
        String slug = boards.share(board);
        String now = Times.now();
        List.of("todo", "in_progress", "in_progress", "done", "done", "done", "cancelled")
                .forEach(status -> boards.task(board, status, status, null, now, now));

        Response response = given().get("/api/share/" + slug + "/badge.svg");
        response.then().statusCode(200)
                .header("Content-Type", "image/svg+xml")
                .header("Cache-Control", "public, max-age=300");
        assertThat(response.asString()).isEqualTo("""
                <svg xmlns="http://www.w3.org/2000/svg" width="316.5" height="20">
                  <linearGradient id="s" x2="0" y2="100%">
                    <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
                    <stop offset="1" stop-opacity=".1"/>
                  </linearGradient>
                  <clipPath id="r">
                    <rect width="316.5" height="20" rx="3" fill="#fff"/>
                  </clipPath>
                  <g clip-path="url(#r)">
                    <rect width="60" height="20" fill="#1e293b"/>
                    <rect x="60" width="256.5" height="20" fill="#0891b2"/>
                    <rect width="316.5" height="20" fill="url(#s)"/>
                  </g>
                  <g fill="#fff" text-anchor="middle" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="11">
                    <text x="30" y="15" fill="#010101" fill-opacity=".3">demo</text>
                    <text x="30" y="14">demo</text>
                    <text x="188.25" y="15" fill="#010101" fill-opacity=".3">1 todo · 2 active · 0 review · 3 done</text>
                    <text x="188.25" y="14">1 todo · 2 active · 0 review · 3 done</text>
                  </g>
                </svg>""");
        assertThat(response.asByteArray()).isEqualTo(response.asString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBadgeMeasuresTheEscapedName() {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId, "R&D <" + Ids.shortId() + ">");
        String slug = boards.share(board);
        String svg = given().get("/api/share/" + slug + "/badge.svg").then().statusCode(200).extract().asString();
        // "R&amp;D &lt;xxxxxxxx&gt;" is 24 code units: 24 * 7 + 16 = 184; the value 37 * 6.5 + 16 = 256.5
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"440.5\" height=\"20\">\n");
        assertThat(svg).contains("<rect width=\"184\" height=\"20\" fill=\"#1e293b\"/>")
                .contains("<text x=\"92\" y=\"14\">R&amp;D &lt;")
                .contains("<text x=\"312.25\" y=\"14\">0 todo · 0 active · 0 review · 0 done</text>");
    }

    @Test
    void theShareStreamIsTheBoardStreamForAnyone() {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        String slug = boards.share(board);
        String task = boards.task(board, "Public work");
        try (SseClient client = SseClient.open("/api/share/" + slug + "/stream", null)) {
            assertThat(client.status).isEqualTo(200);
            assertThat(client.headers.allValues("content-type")).containsExactly("text/event-stream");
            Map<String, Object> note = boards.comment(tenant.userId, board, task, tenant.userId, "visible detail");
            Event event = client.next(Duration.ofSeconds(1));
            assertThat(event.name()).isEqualTo("board_note");
            assertThat(event.id()).isEqualTo(note.get("id"));
            assertThat(event.data()).contains("\"detail\":\"visible detail\"", "\"agent_kind\":null");
        }
    }

    @Test
    void theShareStreamEndsWhenTheBoardStopsBeingPublic() throws InterruptedException {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        String slug = boards.share(board);
        try (SseClient client = SseClient.open("/api/share/" + slug + "/stream", null)) {
            assertThat(client.status).isEqualTo(200);
            boards.sql("UPDATE boards SET visibility = 'private' WHERE id = ?", board);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!client.ended() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(client.ended()).as("stream ended after the board went private").isTrue();
        }
    }

    @Test
    void theSharePageShowsTheBoardWithItsTitleAndMetaTags() {
        Tenant tenant = Tenant.create();
        String name = "Ops & \"Infra\" <" + Ids.shortId() + ">";
        String board = boards.board(tenant.userId, name);
        String slug = boards.share(board);
        String now = Times.now();
        boards.task(board, "a", "done", null, now, now);
        boards.task(board, "b", "todo", null, now, now);

        Response page = given().get("/share/" + slug + "/");
        page.then().statusCode(200).header("Content-Type", "text/html; charset=utf-8");
        String title = name.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
                + " — Agent Kanban";
        String description = "2 tasks: 1 done, 0 active, 0 review, 1 todo";
        String html = page.asString();
        assertThat(html).containsOnlyOnce("<title>").contains(String.join("\n    ",
                "<title>" + title + "</title>",
                "<meta name=\"description\" content=\"" + description + "\" />",
                "<meta property=\"og:type\" content=\"website\" />",
                "<meta property=\"og:url\" content=\"https://agent-kanban.dev/share/" + slug + "\" />",
                "<meta property=\"og:title\" content=\"" + title + "\" />",
                "<meta property=\"og:description\" content=\"" + description + "\" />",
                "<meta property=\"og:site_name\" content=\"Agent Kanban\" />",
                "<meta name=\"twitter:card\" content=\"summary\" />",
                "<meta name=\"twitter:title\" content=\"" + title + "\" />",
                "<meta name=\"twitter:description\" content=\"" + description + "\" />"));
        // the board itself, rendered on the server and kept live from the share stream
        assertThat(html).contains("data-stream=\"/api/share/" + slug + "/stream\"")
                .containsPattern("section[^>]+data-status=\"done\"[\\s\\S]*>a</span>")
                .containsPattern("section[^>]+data-status=\"todo\"[\\s\\S]*>b</span>");

        boards.sql("UPDATE boards SET description = 'Costs <$1> & more' WHERE id = ?", board);
        assertThat(given().get("/share/" + slug).asString())
                .contains("<meta name=\"description\" content=\"Costs &lt;$1&gt; &amp; more\" />");
    }

    @Test
    void aBoardWithoutTasksPrintsNullCountsAndAnythingElseGetsThePlainPage() throws IOException {
        Tenant tenant = Tenant.create();
        String board = boards.board(tenant.userId);
        String slug = boards.share(board);
        assertThat(given().get("/share/" + slug).asString())
                .contains("<meta name=\"description\" content=\"0 tasks: null done, null active, null review, null todo\" />");
        for (String path : List.of("/share", "/share/", "/share/nosuchslug", "/share/" + slug + "/more")) {
            given().get(path).then().statusCode(200)
                    .header("Content-Type", "text/html; charset=utf-8")
                    .body(equalTo(index()));
        }
    }

    private static String index() throws IOException {
        try (InputStream in = ShareTest.class.getResourceAsStream("/share/index.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
