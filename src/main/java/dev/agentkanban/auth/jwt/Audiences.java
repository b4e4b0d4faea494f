package dev.agentkanban.auth.jwt;

import dev.agentkanban.auth.AuthConfig;
import dev.agentkanban.auth.Credentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code aud} values an agent JWT may carry: the server's public base URL, and the two auth
 * paths below it that the original also accepts (auth spec 2.5.4). With {@code AK_PUBLIC_URL}
 * unset the base URL is derived from the request (forwarded host and scheme first).
 */
@ApplicationScoped
public class Audiences {

    private static final String[] SUFFIXES = {"", "/api/auth", "/api/auth/capability/execute"};

    private final List<String> configured;

    Audiences(AuthConfig config) {
        List<String> accepted = new ArrayList<>();
        for (String url : config.publicUrl().orElse(List.of())) {
            String base = url.trim();
            if (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            if (!base.isEmpty()) {
                addAll(accepted, base);
            }
        }
        this.configured = List.copyOf(accepted);
    }

    public boolean accepts(String aud, Credentials request) {
        if (!configured.isEmpty()) {
            return configured.contains(aud);
        }
        String host = first(request.header("X-Forwarded-Host"));
        if (host == null) {
            host = request.header("Host");
        }
        if (host == null) {
            return false;
        }
        String scheme = first(request.header("X-Forwarded-Proto"));
        if (scheme == null) {
            scheme = request.scheme();
        }
        String base = scheme + "://" + host;
        for (String suffix : SUFFIXES) {
            if (aud.equalsIgnoreCase(base + suffix)) {
                return true;
            }
        }
        return false;
    }

    private static void addAll(List<String> into, String base) {
        for (String suffix : SUFFIXES) {
            into.add(base + suffix);
        }
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
