package dev.agentkanban.common.db;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;

/**
 * Native SQL as plain JDBC, the one helper for it (ARCHITECTURE.md, data access). On the
 * EntityManager's own connection it runs inside the current write transaction when there is one;
 * Hibernate's native queries look up every result column's type in the driver's metadata on each
 * execution, which costs more than the hot statements themselves. On the pool it borrows a
 * connection for one statement only, for requests that stay open for hours (the live streams).
 */
public final class Jdbc {

    private Jdbc() {
    }

    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs the statement with these parameters and reads its first row, or answers null without one. */
    public static <T> T first(EntityManager em, String sql, Reader<T> reader, Object... params) {
        return em.unwrap(Session.class).doReturningWork(connection -> first(connection, sql, reader, params));
    }

    public static int update(EntityManager em, String sql, Object... params) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    /** Every row, on a pooled connection given back at once. */
    public static <T> List<T> list(DataSource db, String sql, Reader<T> reader, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed", e);
        }
    }

    private static <T> T first(Connection connection, String sql, Reader<T> reader, Object[] params)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? reader.read(rs) : null;
            }
        }
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }
}
