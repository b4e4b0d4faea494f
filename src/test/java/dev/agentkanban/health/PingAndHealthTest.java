package dev.agentkanban.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PingAndHealthTest {

    @Test
    void pingAnswersPong() {
        given().header("Authorization", "Bearer whatever").get("/api/ping")
                .then().statusCode(200)
                .contentType("application/json")
                .body("pong", equalTo(true));
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void sitemapIsTheFixedDocument() {
        given().get("/api/sitemap.xml")
                .then().statusCode(200)
                .header("Content-Type", "application/xml")
                .header("Cache-Control", "public, max-age=3600")
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                        + "  <url><loc>https://agent-kanban.dev/</loc><changefreq>weekly</changefreq>"
                        + "<priority>1.0</priority></url>\n"
                        + "</urlset>"));
    }
}
