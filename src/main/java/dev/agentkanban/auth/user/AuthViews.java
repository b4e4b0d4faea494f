package dev.agentkanban.auth.user;

import java.util.LinkedHashMap;
import java.util.Map;

/** The camelCase user and session objects of the {@code /api/auth/*} endpoints (auth spec 3.1). */
public final class AuthViews {

    private AuthViews() {
    }

    public static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id);
        m.put("name", u.name);
        m.put("email", u.email);
        m.put("emailVerified", u.emailVerified != 0);
        m.put("image", u.image);
        m.put("createdAt", u.createdAt);
        m.put("updatedAt", u.updatedAt);
        m.put("role", u.role);
        m.put("banned", u.isBanned());
        m.put("banReason", u.banReason);
        m.put("banExpires", u.banExpires);
        return m;
    }

    /** {@code token} is the caller's own bearer token: only the hash is stored. */
    public static Map<String, Object> session(LoginSession s, String token) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id);
        m.put("token", token);
        m.put("userId", s.userId);
        m.put("expiresAt", s.expiresAt);
        m.put("createdAt", s.createdAt);
        m.put("updatedAt", s.updatedAt);
        m.put("ipAddress", s.ipAddress);
        m.put("userAgent", s.userAgent);
        return m;
    }
}
