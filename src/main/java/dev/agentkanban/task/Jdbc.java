package dev.agentkanban.task;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hibernate.Session;

/**
 * Plain JDBC on the EntityManager's own connection (so inside the current write transaction when
 * there is one), for the hottest statements: Hibernate's native queries look up every result
 * column's type in the driver's metadata on each execution, which costs more than the statement.
 */
final class Jdbc {

    private Jdbc() {
    }

    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs the statement with these parameters and reads its first row, or answers null without one. */
    static <T> T first(EntityManager em, String sql, Reader<T> reader, Object... params) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? reader.read(rs) : null;
                }
            }
        });
    }

    static int update(EntityManager em, String sql, Object... params) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }
}
