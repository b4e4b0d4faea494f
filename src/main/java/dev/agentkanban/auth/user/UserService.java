package dev.agentkanban.auth.user;

import dev.agentkanban.auth.AuthConfig;
import dev.agentkanban.auth.AuthFlowException;
import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Constraints;
import dev.agentkanban.common.db.Write;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accounts with e-mail and password. The first user of an empty server becomes admin, and so
 * does anyone signing up with an address listed in {@code AK_ADMIN_EMAILS}.
 */
@ApplicationScoped
public class UserService {

    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;

    @Inject
    UserWrites writes;

    private final Set<String> adminEmails;

    UserService(AuthConfig config) {
        this.adminEmails = config.adminEmails().orElse(List.of()).stream()
                .map(e -> e.trim().toLowerCase(Locale.ROOT))
                .filter(e -> !e.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public Optional<User> find(String id) {
        return User.findByIdOptional(id);
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public User signUp(String name, String email, String password, String image) {
        if (password.length() < MIN_PASSWORD) {
            throw new AuthFlowException(400, "PASSWORD_TOO_SHORT", "Password too short");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new AuthFlowException(400, "PASSWORD_TOO_LONG", "Password too long");
        }
        String normalized = normalizeEmail(email);
        String hash = Passwords.hash(password);
        try {
            return writes.create(name, normalized, hash, image, adminEmails.contains(normalized));
        } catch (RuntimeException e) {
            if (Constraints.violation(e).isPresent()) {
                throw userExists();
            }
            throw e;
        }
    }

    /** Same answer for an unknown e-mail, a missing password and a wrong one; same work too. */
    public User signIn(String email, String password) {
        User user = User.find("email", normalizeEmail(email)).firstResult();
        Account account = user == null ? null
                : Account.find("userId = ?1 and providerId = ?2", user.id, Account.CREDENTIAL).firstResult();
        boolean valid = Passwords.verify(password, account == null ? null : account.password);
        if (!valid || user == null) {
            throw new AuthFlowException(401, "INVALID_EMAIL_OR_PASSWORD", "Invalid email or password");
        }
        if (user.isBanned()) {
            if (user.banExpires != null && Times.parse(user.banExpires).isBefore(Instant.now())) {
                return writes.unban(user.id);
            }
            throw new AuthFlowException(403, "BANNED_USER", "You have been banned from this application. "
                    + "Please contact support if you believe this is an error.");
        }
        return user;
    }

    static AuthFlowException userExists() {
        return new AuthFlowException(422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
                "User already exists. Use another email.");
    }

    @ApplicationScoped
    public static class UserWrites {

        @Write
        public User create(String name, String email, String passwordHash, String image, boolean listedAdmin) {
            if (User.count("email", email) > 0) {
                throw userExists();
            }
            boolean first = User.count() == 0;
            String now = Times.now();
            User user = new User();
            user.id = Ids.authId();
            user.name = name;
            user.email = email;
            user.image = image;
            user.role = first || listedAdmin ? "admin" : "user";
            user.banned = 0;
            user.createdAt = now;
            user.updatedAt = now;
            user.persist();
            Account account = new Account();
            account.id = Ids.authId();
            account.accountId = user.id;
            account.providerId = Account.CREDENTIAL;
            account.userId = user.id;
            account.password = passwordHash;
            account.createdAt = now;
            account.updatedAt = now;
            account.persist();
            return user;
        }

        @Write
        public User unban(String id) {
            User user = User.findById(id);
            user.banned = 0;
            user.banReason = null;
            user.banExpires = null;
            user.updatedAt = Times.now();
            return user;
        }
    }
}
