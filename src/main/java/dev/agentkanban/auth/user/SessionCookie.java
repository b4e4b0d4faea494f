package dev.agentkanban.auth.user;

import dev.agentkanban.auth.Hashes;
import dev.agentkanban.common.error.ApiException;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The browser's login: the login token in an HttpOnly, SameSite=Strict cookie (the original's
 * name). A request that changes state with this cookie must come from our own pages: its Origin
 * names this server and it carries the CSRF token, which is derived from the login token, so only
 * a page that the server rendered for this session knows it. Bearer tokens need neither.
 */
public final class SessionCookie {

    public static final String NAME = "better-auth.session_token";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private SessionCookie() {
    }

    /** The token pages embed for their state-changing requests. */
    public static String csrf(String loginToken) {
        return Hashes.sha256("csrf:" + loginToken);
    }

    /**
     * Refuses a state-changing cookie request that is not from our own page.
     *
     * @param headers request header lookup by name
     */
    public static void requireOwnPage(String method, UnaryOperator<String> headers, String loginToken) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return;
        }
        requireOwnOrigin(headers);
        String sent = headers.apply(CSRF_HEADER);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                csrf(loginToken).getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.forbidden("Missing or wrong " + CSRF_HEADER + " header");
        }
    }

    public static void requireOwnOrigin(UnaryOperator<String> headers) {
        if (!fromOwnPage(headers)) {
            throw ApiException.forbidden("Cross-site request refused: the Origin header does not name this server");
        }
    }

    /** The login token in a {@code Cookie} request header, or null. */
    public static String fromHeader(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookieHeader)) {
            if (NAME.equals(cookie.name()) && !cookie.value().isEmpty()) {
                return cookie.value();
            }
        }
        return null;
    }

    /** True when the request's Origin header names this server. */
    public static boolean fromOwnPage(UnaryOperator<String> headers) {
        return sameOrigin(headers.apply("Origin"), host(headers));
    }

    /** {@code Set-Cookie} value opening the browser session; Secure when the page was served over https. */
    public static String open(String loginToken, Duration lifetime, boolean https) {
        return NAME + "=" + loginToken + "; Path=/; Max-Age=" + lifetime.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    public static String clear(boolean https) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /** True when the page reached us over https, directly or through a proxy that says so. */
    public static boolean https(UnaryOperator<String> headers, String scheme) {
        String forwarded = headers.apply("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(forwarded != null ? forwarded.split(",")[0].trim() : scheme);
    }

    private static String host(UnaryOperator<String> headers) {
        String forwarded = headers.apply("X-Forwarded-Host");
        String host = forwarded != null && !forwarded.isBlank() ? forwarded.split(",")[0].trim() : headers.apply("Host");
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }

    private static boolean sameOrigin(String origin, String host) {
        if (origin == null || host == null) {
            return false;
        }
        try {
            String authority = URI.create(origin.trim()).getRawAuthority();
            return authority != null && authority.toLowerCase(Locale.ROOT).equals(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
