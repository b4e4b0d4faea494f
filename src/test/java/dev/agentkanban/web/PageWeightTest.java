package dev.agentkanban.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkanban.support.DirectAgents;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import dev.agentkanban.support.Workspace;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every page with everything it loads (HTML, CSS, scripts, icon) stays under 200 KB, so it is
 * quick on a slow machine and a slow link. The measured weights are logged.
 */
@QuarkusTest
class PageWeightTest {

    private static final Logger LOG = Logger.getLogger(PageWeightTest.class);
    private static final long BUDGET = 200 * 1024;
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/ui/[^\"]+)\"");
    private static final String COOKIE = "better-auth.session_token";

    @Inject
    AgroalDataSource db;

    @Test
    void everyPageWithItsAssetsStaysUnderTheBudget() {
        Workspace ws = Workspace.create(new DirectAgents(db));
        String taskId = ws.task("weigh me");
        Machine machine = ws.tenant.machine();
        String slug = ws.user().body(Map.of("visibility", "public")).patch("/api/boards/" + ws.boardId)
                .then().statusCode(200).extract().path("share_slug");
        Tenant admin = Tenant.admin();

        Map<String, Long> weights = new LinkedHashMap<>();
        for (String page : List.of("/", "/boards/new", "/boards/" + ws.boardId, "/tasks/" + taskId, "/agents",
                "/agents/new", "/agents/" + ws.worker.id, "/agents/" + ws.worker.id + "/edit", "/machines",
                "/machines/" + machine.id, "/repositories", "/settings", "/onboarding")) {
            weights.put(page, weigh(page, ws.tenant.token));
        }
        for (String page : List.of("/admin", "/admin/users", "/admin/users/" + ws.tenant.userId, "/admin/machines")) {
            weights.put(page, weigh(page, admin.token));
        }
        weights.put("/auth", weigh("/auth", null));
        weights.put("/share/:slug", weigh("/share/" + slug, null));

        StringBuilder table = new StringBuilder("Page weights (HTML + CSS + JS + icon, bytes):");
        weights.forEach((page, bytes) -> table.append("\n  ").append(page).append(' ').append(bytes));
        LOG.info(table);
        assertThat(weights).allSatisfy((page, bytes) -> assertThat(bytes).as(page).isBetween(1L, BUDGET));
    }

    private static long weigh(String page, String login) {
        var request = given().accept("text/html");
        if (login != null) {
            request.cookie(COOKIE, login);
        }
        String html = request.get(page).then().statusCode(200).extract().asString();
        long total = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        Set<String> assets = new LinkedHashSet<>();
        Matcher m = ASSET.matcher(html);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).as(page).isNotEmpty();
        for (String asset : assets) {
            total += given().get(asset).then().statusCode(200).extract().asByteArray().length;
        }
        return total;
    }
}
