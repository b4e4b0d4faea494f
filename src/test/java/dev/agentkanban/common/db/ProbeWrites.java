package dev.agentkanban.common.db;

import dev.agentkanban.auth.user.User;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-only writes on the user table, each creating one user: they can hold the batch open, fail
 * after writing, break the transaction, or leave changed entities behind before failing.
 */
@ApplicationScoped
public class ProbeWrites {

    /** Holding writes wait on this, so that others queue behind them into the same batch. */
    static volatile CountDownLatch gate = new CountDownLatch(0);
    /** Counted down when a holding write starts waiting on the gate. */
    static volatile CountDownLatch holding = new CountDownLatch(0);

    private final List<String> committed = new CopyOnWriteArrayList<>();

    @Inject
    GroupCommit commits;

    @Inject
    ProbeTag tag;

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transaction;

    /** Creates user {@code id} named after the request's tag, then behaves as {@code mode} says. */
    @Write
    public Map<String, Object> create(String id, String mode, String other) throws InterruptedException {
        User user = new User();
        user.id = id;
        user.name = tag.get();
        user.email = id + "@probe.test";
        user.createdAt = "2026-01-01T00:00:00.000Z";
        user.updatedAt = user.createdAt;
        user.image = String.valueOf(transaction.getTransactionKey());
        user.persist();
        commits.afterCommit(() -> committed.add(id));
        switch (mode) {
            case "hold" -> {
                holding.countDown();
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            }
            case "refuse" -> throw ApiException.conflict("PROBE_REFUSED", "Refused " + id);
            case "duplicate" -> {
                // the same e-mail as another user: SQLite refuses it at flush, through Hibernate
                User twin = new User();
                twin.id = id + "-twin";
                twin.name = "twin";
                twin.email = other + "@probe.test";
                twin.createdAt = user.createdAt;
                twin.updatedAt = user.createdAt;
                twin.persist();
                em.flush();
            }
            case "spoil" -> {
                // changes another user and writes that change, changes it again only in memory, then fails
                User victim = User.findById(other);
                victim.name = "spoiled in the database";
                em.flush();
                victim.name = "spoiled in memory";
                throw ApiException.conflict("PROBE_REFUSED", "Refused " + id);
            }
            default -> {
            }
        }
        return Map.of("id", id, "transaction", user.image);
    }

    /** What a later write sees of user {@code id}: its name as the database has it. */
    @Write
    public String nameOf(String id) {
        User user = User.findById(id);
        return user == null ? null : user.name;
    }

    /** The ids whose after-commit actions ran, in the order they ran. */
    public List<String> committed() {
        return List.copyOf(committed);
    }
}
