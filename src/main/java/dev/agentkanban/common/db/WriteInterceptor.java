package dev.agentkanban.common.db;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

@Write
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WriteInterceptor {

    @Inject
    GroupCommit commits;

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        return commits.submit(ctx);
    }
}
