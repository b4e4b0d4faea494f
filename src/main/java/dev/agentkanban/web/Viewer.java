package dev.agentkanban.web;

import dev.agentkanban.auth.Caller;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.auth.user.SessionCookie;
import dev.agentkanban.auth.user.User;
import dev.agentkanban.auth.user.UserService;
import io.quarkus.qute.TemplateData;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The signed-in person as the page layout shows them ({@code inject:viewer} in templates). */
@Named("viewer")
@RequestScoped
@TemplateData
public class Viewer {

    @Inject
    Caller caller;

    @Inject
    HttpServerRequest request;

    @Inject
    UserService users;

    private User user;

    public boolean isSignedIn() {
        return user() != null;
    }

    public String getName() {
        return user() == null ? "" : user().name;
    }

    public String getEmail() {
        return user() == null ? "" : user().email;
    }

    public boolean isAdmin() {
        return user() != null && user().isAdmin();
    }

    /** Short initials for the avatar button. */
    public String getInitials() {
        String name = getName().trim();
        return name.isEmpty() ? "?" : name.substring(0, 1).toUpperCase();
    }

    /** The CSRF token this page's state-changing requests carry (empty when signed out). */
    public String getCsrf() {
        Cookie cookie = request.getCookie(SessionCookie.NAME);
        return cookie == null || user() == null ? "" : SessionCookie.csrf(cookie.getValue());
    }

    /** True on the section a navigation link leads to ("/" only for the boards pages). */
    public boolean at(String section) {
        String path = request.path();
        if (section.equals("/")) {
            return path.equals("/") || path.startsWith("/boards") || path.startsWith("/tasks");
        }
        return path.startsWith(section);
    }

    private User user() {
        if (user == null) {
            user = caller.find().map(Identity::userId).flatMap(users::find).orElse(null);
        }
        return user;
    }
}
