package dev.agentkanban.common.db;

import dev.agentkanban.common.error.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
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

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        if (LOCK.isHeldByCurrentThread()) {
            return ctx.proceed();
        }
        if (!LOCK.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new ApiException(503, "BUSY", "The database is busy; retry shortly");
        }
        try {
            return QuarkusTransaction.requiringNew().call(ctx::proceed);
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
