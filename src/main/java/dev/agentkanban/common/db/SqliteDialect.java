package dev.agentkanban.common.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.exception.spi.SQLExceptionConversionDelegate;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The community SQLite dialect, plus the one place where SQLite's extended result codes become
 * Hibernate's typed exceptions: a constraint violation arrives as {@link ConstraintViolationException}
 * whose constraint name is the column list SQLite reports ({@code agents.owner_id, agents.runtime}),
 * and a lock timeout as {@link LockAcquisitionException}, instead of a generic JDBC error.
 */
public class SqliteDialect extends SQLiteDialect {

    private static final Pattern FAILED_ON = Pattern.compile("constraint failed: ([^)]*)");

    @Override
    public SQLExceptionConversionDelegate buildSQLExceptionConversionDelegate() {
        SQLExceptionConversionDelegate fallback = super.buildSQLExceptionConversionDelegate();
        return (error, message, sql) -> {
            if (error instanceof SQLiteException sqlite) {
                ConstraintKind kind = kind(sqlite.getResultCode());
                if (kind != null) {
                    return new ConstraintViolationException(message, error, sql, kind, subject(sqlite.getMessage()));
                }
                if (isBusy(sqlite.getResultCode())) {
                    return new LockAcquisitionException(message, error, sql);
                }
            }
            return fallback == null ? null : fallback.convert(error, message, sql);
        };
    }

    private static ConstraintKind kind(SQLiteErrorCode code) {
        return switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> ConstraintKind.UNIQUE;
            case SQLITE_CONSTRAINT_FOREIGNKEY -> ConstraintKind.FOREIGN_KEY;
            case SQLITE_CONSTRAINT_NOTNULL -> ConstraintKind.NOT_NULL;
            case SQLITE_CONSTRAINT_CHECK -> ConstraintKind.CHECK;
            case SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_TRIGGER, SQLITE_CONSTRAINT_COMMITHOOK,
                    SQLITE_CONSTRAINT_FUNCTION, SQLITE_CONSTRAINT_ROWID, SQLITE_CONSTRAINT_VTAB ->
                    ConstraintKind.OTHER;
            default -> null;
        };
    }

    private static boolean isBusy(SQLiteErrorCode code) {
        return code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_LOCKED");
    }

    private static String subject(String message) {
        Matcher m = message == null ? null : FAILED_ON.matcher(message);
        return m != null && m.find() ? m.group(1).trim() : null;
    }
}
