package dev.agentkanban.common.db;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method as one write of the {@link GroupCommit} queue: serialized with every other
 * write of this process, in its own savepoint of a shared transaction, answered once that
 * transaction has committed. Nested calls join the outer write. The body may run again before it
 * is answered (see {@link GroupCommit}): keep side effects other than the database's in
 * {@link GroupCommit#afterCommit}.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Write {
}
