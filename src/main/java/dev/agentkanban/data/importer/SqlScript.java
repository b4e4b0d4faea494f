package dev.agentkanban.data.importer;

import dev.agentkanban.data.DataCommands.CommandFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * The SQL text {@code wrangler d1 export} writes, loaded into a scratch SQLite file so that
 * SQLite's own parser reads its quoting and literals. Only the statements such an export
 * consists of are let through (tables, indexes, inserts, the foreign-key pragma), so a crafted
 * file cannot attach or write other files; attaching is also switched off on the scratch file.
 */
final class SqlScript {

    private static final Pattern ALLOWED = Pattern.compile(
            "^(CREATE\\s+TABLE|CREATE\\s+(UNIQUE\\s+)?INDEX|CREATE\\s+VIEW|INSERT\\s+INTO|REPLACE\\s+INTO"
                    + "|DELETE\\s+FROM\\s+\"?sqlite_sequence\"?\\s*$|PRAGMA\\s+(defer_foreign_keys|foreign_keys)\\s*="
                    + "|BEGIN(\\s+TRANSACTION)?\\s*$|COMMIT\\s*$|END(\\s+TRANSACTION)?\\s*$)",
            Pattern.CASE_INSENSITIVE);

    private SqlScript() {
    }

    /** Statement text with its 1-based starting line. */
    record Piece(int line, String sql) {
    }

    static void load(String script, Path scratch) throws SQLException {
        List<Piece> pieces = split(script);
        for (Piece piece : pieces) {
            if (!ALLOWED.matcher(piece.sql()).find()) {
                throw new CommandFailure("line " + piece.line() + ": not a statement an export of the original contains: "
                        + preview(piece.sql()));
            }
        }
        try (Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + scratch);
                Statement statement = connection.createStatement()) {
            connection.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
            connection.setAutoCommit(false);
            for (Piece piece : pieces) {
                String upper = piece.sql().toUpperCase(Locale.ROOT);
                if (upper.startsWith("BEGIN") || upper.startsWith("COMMIT") || upper.startsWith("END")
                        || upper.startsWith("PRAGMA")) {
                    continue; // the whole script is one transaction here; foreign keys are checked later
                }
                try {
                    statement.execute(piece.sql());
                } catch (SQLException e) {
                    throw new CommandFailure("line " + piece.line() + ": " + e.getMessage() + ": " + preview(piece.sql()));
                }
            }
            connection.commit();
        }
    }

    /** Splits on semicolons outside quotes, identifiers and comments; comments are dropped. */
    static List<Piece> split(String script) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int start = -1;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(script, i, end);
                i = end;
                current.append(' ');
                continue;
            }
            if (c == ';') {
                add(pieces, current, start);
                start = -1;
                i++;
                continue;
            }
            if (start < 0 && !Character.isWhitespace(c)) {
                start = line;
            }
            char close = switch (c) {
                case '\'' -> '\'';
                case '"' -> '"';
                case '`' -> '`';
                case '[' -> ']';
                default -> 0;
            };
            if (close != 0) {
                int end = i + 1;
                while (true) {
                    end = script.indexOf(close, end);
                    if (end < 0) {
                        throw new CommandFailure("line " + line + ": unterminated " + c + " quote");
                    }
                    if (close != ']' && end + 1 < n && script.charAt(end + 1) == close) {
                        end += 2; // doubled quote inside the literal
                        continue;
                    }
                    break;
                }
                current.append(script, i, end + 1);
                line += count(script, i, end + 1);
                i = end + 1;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            current.append(c);
            i++;
        }
        add(pieces, current, start);
        return pieces;
    }

    private static void add(List<Piece> pieces, StringBuilder current, int start) {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            pieces.add(new Piece(start, sql));
        }
        current.setLength(0);
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String preview(String sql) {
        String flat = sql.replaceAll("\\s+", " ");
        return flat.length() > 80 ? flat.substring(0, 80) + "…" : flat;
    }
}
