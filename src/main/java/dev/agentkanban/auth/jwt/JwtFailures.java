package dev.agentkanban.auth.jwt;

import dev.agentkanban.common.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code ak_agent_jwt_failures_total{reason}}: why agent tokens were refused. Finer than the one
 * {@code invalid_jwt} answer clients get, so an operator tells a wrong audience or a skewed clock
 * from forged or replayed tokens. Only refusals are counted: a valid token costs nothing here.
 */
@ApplicationScoped
public class JwtFailures implements MeterBinder {

    enum Reason {
        MALFORMED, ALGORITHM, AUDIENCE, NO_SUBJECT, UNKNOWN_SESSION, PUBLIC_KEY, SIGNATURE, TIME, NO_JTI, REPLAY,
        AGENT_MISMATCH
    }

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("ak.agent.jwt.failures")
                    .description("Agent JWTs refused, by reason")
                    .tag("reason", reason.name().toLowerCase())
                    .register(registry));
        }
    }

    /** Counts the refusal and hands back the error to throw. */
    ApiException refused(Reason reason, ApiException error) {
        Counter counter = counters.get(reason);
        if (counter != null) {
            counter.increment();
        }
        return error;
    }
}
