package dev.agentkanban.common.db;

import dev.agentkanban.common.error.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

@Write
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WriteInterceptor {

    private static final ReentrantLock LOCK = new ReentrantLock(true);
    private static final long WAIT_SECONDS = 10;

    @Inject
    WriteMetrics metrics;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        if (LOCK.isHeldByCurrentThread()) {
            return ctx.proceed();
        }
        long asked = System.nanoTime();
        if (!LOCK.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new ApiException(503, "BUSY", "The database is busy; retry shortly");
        }
        try {
            metrics.waited(System.nanoTime() - asked);
            long[] ran = new long[1];
            Object result = QuarkusTransaction.requiringNew().call(() -> {
                Object value = ctx.proceed();
                ran[0] = System.nanoTime();
                return value;
            });
            metrics.committed(1, System.nanoTime() - ran[0]);
            return result;
        } catch (io.quarkus.narayana.jta.QuarkusTransactionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            LOCK.unlock();
        }
    }
}
