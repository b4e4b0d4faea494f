package dev.agentkanban.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The HTTP layer of the {@code ak} CLI and daemon (client protocol 3): every call carries exactly
 * {@code Content-Type: application/json} (no charset), {@code X-CLI-Version} and a bearer
 * credential, GETs and DELETEs included; a body only when the call has one; list filters
 * form-encoded as {@code URLSearchParams} does. An agent gets a freshly signed JWT per call.
 * Every answer is checked to be JSON, because the client parses each body before its status.
 */
public final class Cli {

    public static final String VERSION = "1.4.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RestAssuredConfig EXACT_HEADERS = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private final Supplier<String> bearer;
    private final String version;

    private Cli(Supplier<String> bearer, String version) {
        this.bearer = bearer;
        this.version = version;
    }

    /** The daemon, {@code ak identity create} and the leader bootstrap: the machine API key. */
    public static Cli withKey(String apiKey) {
        return new Cli(() -> apiKey, VERSION);
    }

    /** An agent command: a new JWT (new jti, iat now) signed with the session key for every call. */
    public static Cli as(Agent agent) {
        return new Cli(agent::token, VERSION);
    }

    /** Any bearer value, e.g. a stale or foreign token. */
    public static Cli withToken(String token) {
        return new Cli(() -> token, VERSION);
    }

    /** The same client at another version ({@code null}: no header at all, as browsers and curl). */
    public Cli version(String cliVersion) {
        return new Cli(bearer, cliVersion);
    }

    public Reply get(String path) {
        return new Reply(request().get(path));
    }

    /** A GET with a query string built like {@code new URLSearchParams(query)}: space as +, ':' and '/' escaped. */
    public Reply get(String path, Map<String, String> query) {
        StringJoiner encoded = new StringJoiner("&");
        query.forEach((k, v) -> encoded.add(form(k) + "=" + form(v)));
        return new Reply(request().urlEncodingEnabled(false).get(path + "?" + encoded));
    }

    /** A body-less POST (claim, release, reopen): the content type is sent all the same. */
    public Reply post(String path) {
        return new Reply(request().post(path));
    }

    public Reply post(String path, Object body) {
        return new Reply(request().body(json(body)).post(path));
    }

    public Reply patch(String path, Object body) {
        return new Reply(request().body(json(body)).patch(path));
    }

    public Reply delete(String path) {
        return new Reply(request().delete(path));
    }

    /** What {@code URLSearchParams} and {@code encodeURIComponent} produce for the values the client sends. */
    public static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private RequestSpecification request() {
        RequestSpecification spec = given().config(EXACT_HEADERS)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer.get());
        return version == null ? spec : spec.header("X-CLI-Version", version);
    }

    private static String json(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
