package dev.agentkanban.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.io.IOException;

/**
 * One answer as the {@code ak} client sees it: the body must parse as JSON whatever the status
 * (client protocol 3), then the status decides success (any 2xx) or the error it prints.
 */
public final class Reply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Response response;
    private final JsonNode json;

    Reply(Response response) {
        this.response = response;
        String body = response.asString();
        try {
            JsonNode parsed = body.isEmpty() ? null : JSON.readTree(body);
            if (parsed == null) {
                fail("%s answered %d with an empty body, which the client cannot parse", response.getStatusLine(),
                        response.statusCode());
            }
            this.json = parsed;
        } catch (IOException e) {
            throw new AssertionError("Status " + response.statusCode() + " with a body that is not JSON: " + body, e);
        }
    }

    /** Asserts the status and gives the body's shape for type checks. */
    public Shape expect(int status) {
        assertThat(response.statusCode()).as("status of an answer with body %s", json).isEqualTo(status);
        return Shape.of(json);
    }

    /**
     * Asserts the error envelope the client reads: {@code error.message} (printed) and
     * {@code error.code} (kept), both strings.
     */
    public Shape error(int status, String message) {
        expect(status);
        Shape error = Shape.of(json).at("/error").strings("code", "message");
        assertThat(json.at("/error/message").asText()).isEqualTo(message);
        return error;
    }

    public int status() {
        return response.statusCode();
    }

    public JsonNode json() {
        return json;
    }

    public String header(String name) {
        return response.getHeader(name);
    }

    /** The string at a JSON pointer, e.g. {@code "/id"} or {@code "/0/id"}. */
    public String text(String pointer) {
        JsonNode node = json.at(pointer);
        assertThat(node.isTextual()).as("%s is a string in %s", pointer, json).isTrue();
        return node.asText();
    }
}
