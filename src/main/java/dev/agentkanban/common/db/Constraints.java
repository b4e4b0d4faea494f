package dev.agentkanban.common.db;

import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/** Finds the database constraint violation behind an exception, however deeply it is wrapped. */
public final class Constraints {

    private Constraints() {
    }

    public static Optional<ConstraintViolationException> violation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException v) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * True when the violated unique constraint covers exactly these columns. SQLite names the
     * columns ({@code agents.owner_id, agents.runtime}), not the index, in its message.
     */
    public static boolean isUnique(Throwable error, String columns) {
        return violation(error)
                .filter(v -> v.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE)
                .map(v -> columns.equals(v.getConstraintName()))
                .orElse(false);
    }
}
