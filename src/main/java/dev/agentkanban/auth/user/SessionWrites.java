package dev.agentkanban.auth.user;

import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** The write side of login sessions, each a short transaction of its own. */
@ApplicationScoped
public class SessionWrites {

    @Write
    public LoginSession create(String userId, String tokenHash, Duration lifetime, String ip, String userAgent) {
        String now = Times.now();
        LoginSession session = new LoginSession();
        session.id = Ids.authId();
        session.userId = userId;
        session.tokenHash = tokenHash;
        session.createdAt = now;
        session.updatedAt = now;
        session.expiresAt = Times.format(Instant.now().plus(lifetime));
        session.ipAddress = ip;
        session.userAgent = userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
        session.persist();
        return session;
    }

    @Write
    public LoginSession refresh(String id, Duration lifetime) {
        LoginSession session = LoginSession.findById(id);
        if (session != null) {
            session.expiresAt = Times.format(Instant.now().plus(lifetime));
            session.updatedAt = Times.now();
        }
        return session;
    }

    @Write
    public void delete(String id) {
        LoginSession.deleteById(id);
    }

    @Write
    public void deleteByHash(String tokenHash) {
        LoginSession.delete("tokenHash", tokenHash);
    }
}
