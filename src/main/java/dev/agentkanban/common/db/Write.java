package dev.agentkanban.common.db;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method in a write transaction. SQLite admits one writer at a time; writers of this
 * process queue on a fair in-process lock instead of spinning in SQLite's busy handler, which
 * keeps tail latency flat under load. Nested calls join the outer transaction.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Write {
}
