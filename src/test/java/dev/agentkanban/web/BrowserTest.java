package dev.agentkanban.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Browser;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Server;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * One person's first session in a real browser (Debian's headless Chromium), step by step: each
 * test continues where the previous one left off. Skipped when Chromium or its driver is missing.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {

    private static final String PASSWORD = "a long browser password";

    private static Browser browser;
    private static String email;
    private static Tenant tenant;
    private static Machine machine;
    private static Agent worker;
    private static String boardId;
    private static String taskId;

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(Browser.available(), "Chromium and chromedriver are not installed");
    }

    /** Once, inside the first test: the server's URL is known only there. */
    @BeforeEach
    void start() {
        if (browser == null) {
            Tenant.create(); // someone signed up before, so the browser's person is not the server's first (admin)
            browser = Browser.start();
            email = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.com";
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void signingUpLeadsToOnboardingWhichShowsAWorkingMachineKeyOnce() {
        browser.open("/");
        browser.until(d -> d.getCurrentUrl().contains("/auth?next="));
        shot("sign-in");
        browser.open("/auth?mode=signup");
        browser.type("input[name=name]", "Grace Browser");
        browser.type("input[name=email]", email);
        browser.type("input[name=password]", PASSWORD);
        shot("sign-up");
        browser.click("button[type=submit]");
        browser.until(d -> d.getCurrentUrl().endsWith("/onboarding"));

        browser.click("form[data-api='/api/auth/api-key/create'] button[type=submit]");
        String commands = browser.text("#commands");
        assertThat(commands).startsWith("ak config set api-url " + Server.url() + "\nak config set api-key ak_")
                .endsWith("\nak start");
        String key = commands.lines().filter(l -> l.contains("api-key")).findFirst().orElseThrow()
                .substring("ak config set api-key ".length());
        Tenant.withKey(key).get("/api/machines").then().statusCode(200);
        shot("onboarding");
        browser.open("/onboarding");
        assertThat(browser.driver.getPageSource()).doesNotContain(key);
    }

    @Test
    @Order(2)
    void aBoardAndATaskAreCreatedInTheBrowserAndTheCardArrivesLive() {
        tenant = Tenant.signIn(email, PASSWORD);
        machine = tenant.machine();
        machine.request().body(Map.of("version", "1.4.0", "runtimes", java.util.List.of("Claude Code", "Codex CLI"),
                "usage_info", Map.of("windows", java.util.List.of(Map.of("runtime", "claude", "label", "5-Hour",
                        "utilization", 23.5, "resets_at", "2030-01-01T12:00:00Z")), "updated_at", "2030-01-01T07:00:00Z")))
                .post("/api/machines/" + machine.id + "/heartbeat").then().statusCode(200);
        String workerId = machine.request().body(Map.of("username", "backend-" + UUID.randomUUID().toString()
                .substring(0, 8), "name", "Backend Developer", "runtime", "claude", "kind", "worker"))
                .post("/api/agents").then().statusCode(201).extract().path("id");
        worker = machine.session(workerId);

        browser.open("/repositories");
        browser.type("input[name=name]", "site");
        browser.type("input[name=url]", "https://github.com/example/site.git");
        browser.click("form[data-api='/api/repositories'] button[type=submit]");
        browser.until(d -> d.getPageSource().contains("github.com/example/site"));
        shot("repositories");

        browser.open("/boards/new");
        browser.type("input[name=name]", "Launch");
        new Select(browser.find("select[name=type]")).selectByValue("dev");
        shot("board-new");
        browser.click("button[type=submit]");
        browser.until(d -> d.getCurrentUrl().matches(".*/boards/[0-9a-z]{8}$"));
        boardId = browser.driver.getCurrentUrl().replaceAll(".*/boards/", "");
        markPage();

        browser.click("details.add-task summary");
        browser.type("input[name=title]", "Write the launch post");
        new Select(browser.find("select[name=priority]")).selectByValue("high");
        browser.type("input[name=labels]", "docs, launch");
        new Select(browser.find("select[name=assigned_to]")).selectByValue(worker.id);
        shot("board-new-task");
        browser.click("form[data-api='/api/tasks'] button[type=submit]");
        taskId = browser.until(d -> d.findElements(By.cssSelector("section[data-status=todo] [data-task]")).stream()
                .findFirst().map(card -> card.getAttribute("data-task")).orElse(null));
        assertThat(browser.text("section[data-status=todo] .card")).contains("Write the launch post", "high", "docs",
                "launch", "site");
        assertNotReloaded();
    }

    @Test
    @Order(3)
    void aWorkersClaimThroughTheApiMovesTheCardToInProgressWithoutAReload() {
        worker.request().post("/api/tasks/" + taskId + "/claim").then().statusCode(200);
        browser.find("section[data-status=in_progress] [data-task='" + taskId + "']");
        assertThat(browser.all("section[data-status=todo] [data-task='" + taskId + "']")).isEmpty();
        assertNotReloaded();
        String repo = tenant.asUser().get("/api/repositories").jsonPath().getString("[0].id");
        for (var task : java.util.List.of(
                Map.of("title", "Fix the sign-up redirect", "priority", "urgent", "labels", java.util.List.of("bug")),
                Map.of("title", "Announce on the mailing list", "priority", "low",
                        "depends_on", java.util.List.of(taskId)))) {
            Map<String, Object> body = new java.util.HashMap<>(task);
            body.putAll(Map.of("board_id", boardId, "repository_id", repo, "assigned_to", worker.id));
            tenant.asUser().body(body).post("/api/tasks").then().statusCode(201);
        }
        browser.until(d -> browser.all("section[data-status=todo] [data-task]").size() == 2);
        assertThat(browser.text("section[data-status=todo]")).contains("urgent", "blocked");
        shot("board-live");

        browser.width(390, 844);
        Long overflow = (Long) browser.driver.executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow).isLessThanOrEqualTo(0L);
        shot("board-390px");
        browser.width(1400, 900);
        browser.colorScheme("dark");
        assertThat(browser.driver.executeScript("return getComputedStyle(document.body).backgroundColor;"))
                .isEqualTo("rgb(9, 9, 11)");
        shot("board-dark");
        browser.colorScheme("light");
    }

    @Test
    @Order(4)
    void theTaskPageShowsTheLiveAgentFromTheDaemonSocketAndSendsItMessages() throws Exception {
        try (RelayDaemon daemon = RelayDaemon.connect(machine.key)) {
            Assumptions.assumeTrue(daemon != null, "the relay socket is not on this build yet");
            browser.open("/tasks/" + taskId);
            browser.until(d -> browser.text("#daemon-state").equals("daemon connected"));
            Map<String, Object> ask = daemon.next("request:history");
            assertThat(ask).containsEntry("sessionId", worker.sessionId);
            daemon.send(Map.of("type", "session:history", "requestId", ask.get("requestId"), "messages",
                    java.util.List.of(Map.of("type", "message.user", "text", "Write the launch post"))));
            browser.until(d -> browser.text("#agent-log").contains("you: Write the launch post"));
            daemon.send(Map.of("type", "agent:status", "sessionId", worker.sessionId, "status", "working"));
            daemon.send(Map.of("type", "agent:event", "sessionId", worker.sessionId, "event",
                    Map.of("type", "block.done", "block", Map.of("type", "text", "text", "Reading the checklist"))));
            browser.until(d -> browser.text("#agent-log").contains("Reading the checklist"));
            assertThat(browser.text("#agent-status")).isEqualTo("working");

            browser.type("#human-text", "Please link the pricing page");
            browser.click("#human-form button[type=submit]");
            Map<String, Object> human = daemon.next("human:message");
            assertThat(human).containsEntry("sessionId", worker.sessionId)
                    .containsEntry("content", "Please link the pricing page");
            shot("task-live-agent");
        }
    }

    @Test
    @Order(5)
    void aTaskInReviewIsCompletedFromThePage() {
        browser.open("/tasks/" + taskId);
        assertThat(browser.text("#task-status")).isEqualTo("In Progress");
        markPage();
        worker.request().body(Map.of("pr_url", "https://github.com/example/site/pull/7"))
                .post("/api/tasks/" + taskId + "/review").then().statusCode(200);
        browser.until(d -> browser.text("#task-status").equals("In Review"));
        assertNotReloaded();
        assertThat(browser.find("#pr-link").getAttribute("href")).isEqualTo("https://github.com/example/site/pull/7");
        assertThat(browser.text("#timeline")).contains("claimed it", "asked for review");
        shot("task-in-review");

        browser.type("form[data-api$='/complete'] input[name=result]", "Post published");
        browser.click("#complete");
        browser.until(d -> browser.text("#task-status").equals("Done"));
        assertThat(tenant.asUser().get("/api/tasks/" + taskId).<String>path("status")).isEqualTo("done");
        assertThat(browser.text("#timeline")).contains("completed it");
        shot("task-done");
    }

    @Test
    @Order(6)
    void sharingTheBoardOpensAPublicPageThatWorksSignedOut() {
        browser.open("/boards/" + boardId);
        browser.click("#share-toggle");
        String href = browser.find("#share-link").getAttribute("href");
        assertThat(href).matches(".*/share/[0-9a-z]{10}$");

        browser.signOutCookies();
        browser.open(href);
        assertThat(browser.text(".crumb")).contains("Launch");
        assertThat(browser.text("section[data-status=done]")).contains("Write the launch post");
        assertThat(browser.all("details.add-task")).isEmpty();
        assertThat(browser.driver.findElement(By.cssSelector("meta[property='og:title']")).getAttribute("content"))
                .isEqualTo("Launch — Agent Kanban");
        shot("share");

        browser.open("/auth");
        browser.type("input[name=email]", email);
        browser.type("input[name=password]", PASSWORD);
        browser.click("button[type=submit]");
        browser.until(d -> d.getCurrentUrl().equals(Server.url() + "/"));
        assertThat(browser.text(".grid")).contains("Launch");
        shot("boards");
    }

    @Test
    @Order(7)
    void agentsMachinesAndSettingsShowWhatTheApiKnows() {
        worker.request().body(Map.of("input_tokens", 1200, "output_tokens", 5400, "cache_read_tokens", 30000,
                        "cost_micro_usd", 420000))
                .patch("/api/agents/" + worker.id + "/sessions/" + worker.sessionId + "/usage").then().statusCode(200);
        browser.open("/agents");
        assertThat(browser.text("a[href='/agents/" + worker.id + "']")).contains("worker", "claude", "6.6K tok",
                "$0.42");
        shot("agents");
        browser.open("/agents/" + worker.id);
        assertThat(browser.all("svg.chart")).hasSize(2);
        assertThat(browser.text("#sess-h + .scroll")).contains(worker.sessionId);
        shot("agent");

        browser.open("/agents/new");
        browser.type("input[name=username]", "reviewer-" + UUID.randomUUID().toString().substring(0, 6));
        browser.type("input[name=name]", "Careful Reviewer");
        new Select(browser.find("select[name=runtime]")).selectByValue("codex");
        shot("agent-new");
        browser.click("button[type=submit]");
        browser.until(d -> d.getCurrentUrl().matches(".*/agents/[0-9a-f]{16}$"));
        browser.click("a[href$='/edit']");
        browser.type("input[name=bio]", "Reads every diff twice");
        shot("agent-edit");
        browser.click("button[type=submit]");
        browser.until(d -> d.getPageSource().contains("Reads every diff twice"));

        browser.open("/machines");
        assertThat(browser.text("a[href='/machines/" + machine.id + "']")).contains("online");
        shot("machines");
        browser.open("/machines/" + machine.id);
        assertThat(browser.text("#ms-h + .scroll")).contains(worker.sessionId);
        shot("machine");

        browser.open("/settings");
        browser.type("input[name=name]", "ci-runner");
        browser.click("form[data-api='/api/auth/api-key/create'] button[type=submit]");
        assertThat(browser.text("#key-value")).startsWith("ak_");
        shot("settings");
    }

    @Test
    @Order(8)
    void aPersonWhoIsNotAdminGetsNoAdminPageAndAnAdminGetsAll() {
        assertThat(browser.all("nav.nav a[href='/admin']")).isEmpty();
        browser.open("/admin");
        assertThat(browser.text("main h1")).isEqualTo("Not allowed");
        shot("admin-refused");

        browser.click("details.me summary");
        browser.click("details.me button[data-api='/api/auth/sign-out']");
        browser.until(d -> d.getCurrentUrl().endsWith("/auth"));
        Tenant admin = Tenant.admin();
        browser.type("input[name=email]", admin.email);
        browser.type("input[name=password]", Tenant.PASSWORD);
        browser.click("button[type=submit]");
        browser.until(d -> d.getCurrentUrl().equals(Server.url() + "/"));
        browser.click("nav.nav a[href='/admin']");
        assertThat(browser.text(".stats")).contains("USERS", "MACHINES");
        shot("admin");
        browser.open("/admin/users");
        browser.type("input[name=q]", email);
        browser.click("form[role=search] button[type=submit]");
        assertThat(browser.text("table")).contains(email);
        shot("admin-users");
        browser.open("/admin/users/" + tenant.userId);
        shot("admin-sessions");
        browser.open("/admin/machines");
        assertThat(browser.text("table")).contains("test-host");
        shot("admin-machines");
    }

    @Test
    @Order(9)
    void aPostFromAnotherSiteOrOriginWithTheCookieIsRefused() throws IOException {
        HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String form = "<!doctype html><form method=post enctype=text/plain action='" + Server.url() + "/api/boards'>"
                + "<input name='{\"name\":\"evil\",\"type\":\"ops\",\"x\":\"' value='\"}'></form>"
                + "<script>document.forms[0].submit()</script>";
        attacker.createContext("/", exchange -> {
            byte[] page = form.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        try {
            int port = attacker.getAddress().getPort();
            // another site: the SameSite=Strict cookie is not even sent
            browser.open("http://127.0.0.1:" + port + "/");
            browser.until(d -> d.getCurrentUrl().startsWith(Server.url() + "/api/boards"));
            assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains("Missing token");
            // the same site on another port: the cookie goes along, the Origin check refuses it
            browser.open("http://localhost:" + port + "/");
            browser.until(d -> d.getCurrentUrl().startsWith(Server.url() + "/api/boards"));
            assertThat(browser.driver.findElement(By.tagName("body")).getText())
                    .contains("Cross-site request refused");
        } finally {
            attacker.stop(0);
        }
        Tenant admin = Tenant.admin();
        admin.asUser().get("/api/boards?name=evil").then().statusCode(404);
        given().get("/api/ping").then().statusCode(200);
    }

    /** Saves the page as a picture, and checks that every control on it has a name a screen reader can say. */
    private static void shot(String name) {
        browser.screenshot(name);
        assertThat(browser.unlabelledControls()).as("unlabelled controls on " + name).isEmpty();
    }

    private static void markPage() {
        browser.driver.executeScript("window.akSamePage = true;");
    }

    private static void assertNotReloaded() {
        assertThat(browser.driver.executeScript("return window.akSamePage === true;")).isEqualTo(true);
    }
}
