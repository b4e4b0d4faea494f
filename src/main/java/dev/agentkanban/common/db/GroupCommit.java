package dev.agentkanban.common.db;

import dev.agentkanban.common.error.ApiException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Group commit: the write path behind {@link Write}. SQLite takes one writer at a time and a
 * durable commit costs a sync, so writes queue here in arrival order and whoever finds no batch
 * running leads one: it runs the queued writes back to back in one transaction, each behind its
 * own savepoint, and commits once — one sync for the whole batch.
 *
 * <ul>
 * <li>A write that fails is rolled back to its savepoint alone and its caller gets its own
 * error; the others in the batch are unaffected. Its persistence context is cleared, so the next
 * write starts from the database, never from entities the failed one left behind. Successful
 * writes are flushed and cleared too, so no write sees another's managed objects.</li>
 * <li>Every caller is answered after the batch committed (acknowledged = durable), and what a
 * write registered with {@link #afterCommit} runs after that commit, in commit order, before the
 * next batch begins.</li>
 * <li>When Hibernate marks the transaction rollback-only (it does so for a failed SQL statement
 * it ran), the batch cannot commit: it is rolled back and the writes that had succeeded in it
 * run again in a fresh one; the failed write keeps its error. A write body may thus run more than
 * once before it is answered; side effects outside the database belong in {@link #afterCommit}.</li>
 * <li>A batch takes at most {@code ak.db.group-commit.max-writes} writes and stops taking new
 * ones once it has run for {@code ak.db.group-commit.max-time-ms}. Nobody waits for a batch to
 * fill: a lone writer commits at once, as without grouping.</li>
 * </ul>
 *
 * <p>Writes of other callers run on the leader's thread, with their own request context.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    private static final Duration MAX_QUEUE_WAIT = Duration.ofSeconds(10);
    /** The write being run on this thread; nested writes join it. */
    private static final ThreadLocal<Pending> RUNNING = new ThreadLocal<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean leading;
    private Thread leader;

    private final TransactionManager transactions;
    private final EntityManager em;
    private final WriteMetrics metrics;
    private final int maxWrites;
    private final long maxNanos;

    GroupCommit(TransactionManager transactions, EntityManager em, DbConfig config, WriteMetrics metrics) {
        this.transactions = transactions;
        this.em = em;
        this.metrics = metrics;
        this.maxWrites = Math.max(1, config.groupCommit().maxWrites());
        this.maxNanos = TimeUnit.MILLISECONDS.toNanos(config.groupCommit().maxTimeMs());
    }

    /** Runs {@code action} once the current write's batch has committed; dropped if the write rolls back. */
    public void afterCommit(Runnable action) {
        Pending current = RUNNING.get();
        if (current == null) {
            throw new IllegalStateException("afterCommit called outside a write");
        }
        current.afterCommit.add(action);
    }

    /** Writes waiting for a batch to take them. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    Object submit(InvocationContext ctx) throws Exception {
        if (RUNNING.get() != null) {
            return ctx.proceed();
        }
        ManagedContext requests = Arc.container().requestContext();
        Pending me = new Pending(ctx, requests.getStateIfActive(), lock.newCondition());
        lock.lock();
        try {
            if (leading && leader == me.caller) {
                throw new IllegalStateException("A write cannot start from work that runs after a commit");
            }
            queue.addLast(me);
            if (leading) {
                awaitTurn(me);
            } else {
                leading = true;
                leader = me.caller;
                me.state = State.LEADING;
            }
        } finally {
            lock.unlock();
        }
        if (me.state == State.LEADING) {
            lead(me);
        }
        return me.outcome();
    }

    /**
     * Holding the lock: waits until this write is handed the lead or has been run. Only a write
     * still queued can give up (timeout, interrupt); once a batch took it, its outcome is awaited.
     */
    private void awaitTurn(Pending me) throws InterruptedException {
        long left = MAX_QUEUE_WAIT.toNanos();
        while (me.state == State.QUEUED) {
            if (left <= 0) {
                queue.remove(me);
                throw new ApiException(503, "BUSY", "The database is busy; retry shortly");
            }
            try {
                left = me.turn.awaitNanos(left);
            } catch (InterruptedException e) {
                if (me.state == State.QUEUED) {
                    queue.remove(me);
                    throw e;
                }
                Thread.currentThread().interrupt();
            }
        }
        while (me.state == State.RUNNING) {
            me.turn.awaitUninterruptibly();
        }
    }

    private void lead(Pending self) {
        List<Pending> batch = new ArrayList<>();
        try {
            run(batch);
        } catch (Throwable e) {
            // the batch's transaction broke down: whoever it had not committed is answered with the error
            LOG.error("Write batch failed", e);
            batch.forEach(p -> p.failUnlessCommitted(e));
        } finally {
            lock.lock();
            try {
                Pending next = queue.peekFirst();
                if (next == null) {
                    leading = false;
                    leader = null;
                } else {
                    leader = next.caller;
                    next.state = State.LEADING;
                    next.turn.signal();
                }
                for (Pending p : batch) {
                    p.state = State.DONE;
                    p.turn.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs attempts until one commits; each doomed attempt settles at least one write's error. */
    private void run(List<Pending> batch) throws Exception {
        Transaction outer = transactions.suspend();
        try {
            long start = System.nanoTime();
            List<Pending> again = List.of();
            do {
                again = attempt(batch, again, start);
            } while (!again.isEmpty());
        } finally {
            if (outer != null) {
                transactions.resume(outer);
            }
        }
    }

    /**
     * One transaction: first the writes to run again, then new ones from the queue. Answers the
     * writes to run again when the transaction was doomed, else an empty list once committed.
     */
    private List<Pending> attempt(List<Pending> batch, List<Pending> again, long start) throws Exception {
        transactions.begin();
        List<Pending> succeeded = new ArrayList<>();
        try {
            int next = 0;
            while (true) {
                Pending p = next < again.size() ? again.get(next++) : take(batch, start);
                if (p == null) {
                    break;
                }
                boolean ok = runBehindSavepoint(p);
                if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                    if (ok) {
                        p.fail(new IllegalStateException("The write left its transaction marked for rollback"));
                    }
                    transactions.rollback();
                    List<Pending> rerun = new ArrayList<>(succeeded);
                    rerun.addAll(again.subList(next, again.size()));
                    return rerun;
                }
                if (ok) {
                    succeeded.add(p);
                }
            }
        } catch (Throwable e) {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
            throw e;
        }
        long committing = System.nanoTime();
        try {
            transactions.commit();
            metrics.committed(succeeded.size(), System.nanoTime() - committing);
        } catch (Exception e) {
            succeeded.forEach(p -> p.fail(e));
            return List.of();
        }
        for (Pending p : succeeded) {
            p.committed = true;
        }
        for (Pending p : succeeded) {
            p.runAfterCommit();
        }
        return List.of();
    }

    /** The next queued write, unless the batch is full or has run long enough. */
    private Pending take(List<Pending> batch, long start) {
        if (batch.size() >= maxWrites || (!batch.isEmpty() && System.nanoTime() - start > maxNanos)) {
            return null;
        }
        lock.lock();
        try {
            Pending p = queue.pollFirst();
            if (p != null) {
                metrics.waited(System.nanoTime() - p.asked);
                p.state = State.RUNNING;
                batch.add(p);
            }
            return p;
        } finally {
            lock.unlock();
        }
    }

    private boolean runBehindSavepoint(Pending p) throws SystemException {
        Session session = em.unwrap(Session.class);
        // SQL rather than JDBC savepoints: the pool refuses Connection.rollback(Savepoint) inside a JTA transaction
        sql(session, "SAVEPOINT write");
        p.afterCommit.clear();
        RUNNING.set(p);
        try {
            p.succeed(p.proceed());
            em.flush();
            sql(session, "RELEASE write");
            return true;
        } catch (Throwable e) {
            p.fail(e);
            p.afterCommit.clear();
            if (transactions.getStatus() == Status.STATUS_ACTIVE) {
                sql(session, "ROLLBACK TO write");
                sql(session, "RELEASE write");
            }
            return false;
        } finally {
            RUNNING.remove();
            em.clear();
        }
    }

    private static void sql(Session session, String statement) {
        session.doWork(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
        });
    }

    private enum State { QUEUED, LEADING, RUNNING, DONE }

    /** One caller's write: its invocation, where it stands, and what it came to. */
    private static final class Pending {
        final InvocationContext ctx;
        final ContextState requestState;
        final Thread caller = Thread.currentThread();
        final long asked = System.nanoTime();
        final Condition turn;
        final List<Runnable> afterCommit = new ArrayList<>(4);
        State state = State.QUEUED;
        Object result;
        Throwable error;
        boolean committed;

        Pending(InvocationContext ctx, ContextState requestState, Condition turn) {
            this.ctx = ctx;
            this.requestState = requestState;
            this.turn = turn;
        }

        /** Runs the write; on another caller's thread, inside the caller's own request context. */
        Object proceed() throws Exception {
            if (caller == Thread.currentThread()) {
                return ctx.proceed();
            }
            ManagedContext requests = Arc.container().requestContext();
            ContextState leaders = requests.getStateIfActive();
            switchTo(requests, requestState);
            try {
                return ctx.proceed();
            } finally {
                switchTo(requests, leaders);
            }
        }

        private static void switchTo(ManagedContext requests, ContextState state) {
            if (state == null) {
                requests.deactivate();
            } else {
                requests.activate(state);
            }
        }

        void succeed(Object value) {
            result = value;
            error = null;
        }

        void fail(Throwable e) {
            result = null;
            error = e;
        }

        void failUnlessCommitted(Throwable e) {
            if (!committed && error == null) {
                fail(e);
            }
        }

        void runAfterCommit() {
            for (Runnable action : afterCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // the write is committed; a failing follow-up must not turn it into a failed request
                    LOG.error("After-commit action failed", e);
                }
            }
        }

        Object outcome() throws Exception {
            if (error instanceof Exception e) {
                throw e;
            }
            if (error instanceof Error e) {
                throw e;
            }
            if (error != null) {
                throw new IllegalStateException(error);
            }
            return result;
        }
    }
}
