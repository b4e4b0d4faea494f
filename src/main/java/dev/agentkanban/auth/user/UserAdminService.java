package dev.agentkanban.auth.user;

import dev.agentkanban.auth.AuthFlowException;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The write side of user administration; every change that locks a user out revokes its logins. */
@ApplicationScoped
public class UserAdminService {

    private static final int MAX_PAGE = 1000;

    public record Page(List<User> users, long total) {
    }

    public Page list(Integer limit, Integer offset, String field, String value, String operator) {
        String column = "name".equals(field) ? "name" : "email";
        String pattern = value == null ? null : switch (operator == null ? "contains" : operator) {
            case "starts_with" -> escape(value) + "%";
            case "ends_with" -> "%" + escape(value);
            default -> "%" + escape(value) + "%";
        };
        var query = pattern == null ? User.findAll(Sort.by("createdAt"))
                : User.find("lower(" + column + ") like lower(?1) escape '\\'", Sort.by("createdAt"), pattern);
        long total = query.count();
        int size = limit == null ? MAX_PAGE : Math.max(0, Math.min(limit, MAX_PAGE));
        int from = offset == null ? 0 : Math.max(0, offset);
        List<User> users = size == 0 ? List.of() : query.range(from, from + size - 1).list();
        return new Page(users, total);
    }

    @Write
    public User ban(String userId, String reason, Long expiresInSeconds) {
        User user = find(userId);
        user.banned = 1;
        user.banReason = reason;
        user.banExpires = expiresInSeconds == null ? null
                : Times.format(Instant.now().plusSeconds(expiresInSeconds));
        user.updatedAt = Times.now();
        LoginSession.delete("userId", userId);
        return user;
    }

    @Write
    public User unban(String userId) {
        User user = find(userId);
        user.banned = 0;
        user.banReason = null;
        user.banExpires = null;
        user.updatedAt = Times.now();
        return user;
    }

    @Write
    public User setRole(String userId, String role) {
        User user = find(userId);
        user.role = role;
        user.updatedAt = Times.now();
        return user;
    }

    @Write
    public void remove(String userId) {
        find(userId).delete();
    }

    public List<LoginSession> sessions(String userId) {
        return LoginSession.list("userId", Sort.by("createdAt"), userId);
    }

    @Write
    public void revokeSessions(String userId) {
        LoginSession.delete("userId", userId);
    }

    private static User find(String userId) {
        User user = User.findById(userId);
        if (user == null) {
            throw new AuthFlowException(404, "USER_NOT_FOUND", "User not found");
        }
        return user;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
