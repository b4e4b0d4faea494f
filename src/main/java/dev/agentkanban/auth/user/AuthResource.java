package dev.agentkanban.auth.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentkanban.auth.AuthFlowException;
import dev.agentkanban.auth.Public;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Sign-up, sign-in, session lookup and sign-out at the auth library's paths and shapes. */
@Public
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
    private static final int MAX_FIELD = 320;

    @Inject
    UserService users;

    @Inject
    LoginSessions sessions;

    @POST
    @Path("/sign-up/email")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signUp(JsonNode body, @Context HttpServerRequest request) {
        JsonNode b = object(body);
        List<String> problems = new java.util.ArrayList<>();
        String name = requiredText(b, "name", problems);
        String email = requiredText(b, "email", problems);
        String password = requiredText(b, "password", problems);
        if (email != null && (email.length() > MAX_FIELD || !EMAIL.matcher(email.trim()).matches())) {
            problems.add("[body.email] Invalid email address");
        }
        if (name != null && name.length() > MAX_FIELD) {
            problems.add("[body.name] Too long");
        }
        if (!problems.isEmpty()) {
            throw AuthFlowException.validation(String.join("; ", problems));
        }
        String image = b.hasNonNull("image") && b.get("image").isTextual() ? b.get("image").asText() : null;
        return signedIn(users.signUp(name, email, password, image), true, new LinkedHashMap<>(), request);
    }

    @POST
    @Path("/sign-up/email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signUpForm(MultivaluedMap<String, String> form, @Context HttpServerRequest request) {
        return signUp(fromForm(form), request);
    }

    @POST
    @Path("/sign-in/email")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(JsonNode body, @Context HttpServerRequest request) {
        JsonNode b = object(body);
        List<String> problems = new java.util.ArrayList<>();
        String email = requiredText(b, "email", problems);
        String password = requiredText(b, "password", problems);
        if (!problems.isEmpty()) {
            throw AuthFlowException.validation(String.join("; ", problems));
        }
        if (email.length() > MAX_FIELD || !EMAIL.matcher(email.trim()).matches()) {
            throw new AuthFlowException(400, "INVALID_EMAIL", "Invalid email");
        }
        boolean remember = !b.has("rememberMe") || b.get("rememberMe").asBoolean(true);
        User user = users.signIn(email, password);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("redirect", false);
        return signedIn(user, remember, out, request);
    }

    @POST
    @Path("/sign-in/email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signInForm(MultivaluedMap<String, String> form, @Context HttpServerRequest request) {
        return signIn(fromForm(form), request);
    }

    @GET
    @Path("/get-session")
    public Response getSession(@Context HttpServerRequest request) {
        return sessions.find(bearer(request))
                .map(found -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("session", AuthViews.session(found.session(), found.token()));
                    out.put("user", AuthViews.user(found.user()));
                    return Response.ok(out).build();
                })
                .orElseGet(() -> Response.ok("null").build());
    }

    @POST
    @Path("/sign-out")
    public Response signOut(@Context HttpServerRequest request) {
        sessions.revoke(bearer(request));
        Response.ResponseBuilder answer = Response.ok(Map.of("success", true));
        if (request.getCookie(SessionCookie.NAME) != null) {
            answer.header("Set-Cookie", SessionCookie.clear(https(request)));
        }
        return answer.build();
    }

    /**
     * The login token of a request to these endpoints: the bearer header (the scheme word is
     * case-insensitive here), else the browser's session cookie, which a state-changing request
     * may only use from our own pages.
     */
    public static String bearer(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.length() >= 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        Cookie cookie = request.getCookie(SessionCookie.NAME);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return null;
        }
        SessionCookie.requireOwnPage(request.method().name(), request::getHeader, cookie.getValue());
        return cookie.getValue();
    }

    /** Opens a login session for the user and answers {@code body} + token + user, token also in a header. */
    private Response signedIn(User user, boolean remember, Map<String, Object> body, HttpServerRequest request) {
        LoginSessions.Issued issued = sessions.issue(user.id, remember, ip(request), request.getHeader("User-Agent"));
        body.put("token", issued.token());
        body.put("user", AuthViews.user(user));
        Response.ResponseBuilder answer = Response.ok(body)
                .header("set-auth-token", issued.token())
                .header("Access-Control-Expose-Headers", "set-auth-token");
        if (SessionCookie.fromOwnPage(request::getHeader)) {
            // only our own sign-in page opens a browser session: no other site can log a browser in
            answer.header("Set-Cookie", SessionCookie.open(issued.token(),
                    remember ? LoginSessions.LIFETIME : LoginSessions.SHORT_LIFETIME, https(request)));
        }
        return answer.build();
    }

    private static boolean https(HttpServerRequest request) {
        return SessionCookie.https(request::getHeader, request.scheme());
    }

    private static JsonNode object(JsonNode body) {
        return body != null && body.isObject() ? body : JsonNodeFactory.instance.objectNode();
    }

    private static String requiredText(JsonNode body, String field, List<String> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            problems.add("[body." + field + "] Invalid input: expected string, received undefined");
            return null;
        }
        if (!value.isTextual()) {
            problems.add("[body." + field + "] Invalid input: expected string, received " + value.getNodeType()
                    .name().toLowerCase());
            return null;
        }
        return value.asText();
    }

    private static JsonNode fromForm(MultivaluedMap<String, String> form) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        form.forEach((k, v) -> {
            if (!v.isEmpty()) {
                node.put(k, v.get(0));
            }
        });
        return node;
    }

    private static String ip(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
