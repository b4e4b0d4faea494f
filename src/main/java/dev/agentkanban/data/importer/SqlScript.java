package dev.agentkanban.data.importer;

import dev.agentkanban.data.DataCommands.CommandFailure;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * The SQL text {@code wrangler d1 export} writes, run into a scratch SQLite file so that SQLite's
 * own parser reads its quoting and literals. The text is read as a stream, one statement at a
 * time, and each is checked before it runs: only the statements such an export consists of
 * (tables, indexes, inserts, the foreign-key pragma) pass, so a crafted file cannot attach or
 * write other files; attaching is also switched off on the scratch file.
 */
final class SqlScript {

    private static final Pattern ALLOWED = Pattern.compile(
            "^(CREATE\\s+TABLE|CREATE\\s+(UNIQUE\\s+)?INDEX|CREATE\\s+VIEW|INSERT\\s+INTO|REPLACE\\s+INTO"
                    + "|DELETE\\s+FROM\\s+\"?sqlite_sequence\"?\\s*$|PRAGMA\\s+(defer_foreign_keys|foreign_keys)\\s*="
                    + "|BEGIN(\\s+TRANSACTION)?\\s*$|COMMIT\\s*$|END(\\s+TRANSACTION)?\\s*$)",
            Pattern.CASE_INSENSITIVE);
    /** Statements the script may carry that mean nothing here: it runs as one transaction, foreign keys are checked later. */
    private static final Pattern IGNORED = Pattern.compile("^(BEGIN|COMMIT|END|PRAGMA)", Pattern.CASE_INSENSITIVE);

    private SqlScript() {
    }

    static void load(Reader script, Path scratch) throws SQLException, IOException {
        try (Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + scratch);
                Statement statement = connection.createStatement()) {
            connection.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
            connection.setAutoCommit(false);
            new Splitter(script).forEach((line, sql) -> {
                if (!ALLOWED.matcher(sql).find()) {
                    throw new CommandFailure("line " + line + ": not a statement an export of the original contains: "
                            + preview(sql));
                }
                if (!IGNORED.matcher(sql).find()) {
                    try {
                        statement.execute(sql);
                    } catch (SQLException e) {
                        throw new CommandFailure("line " + line + ": " + e.getMessage() + ": " + preview(sql));
                    }
                }
            });
            connection.commit();
        }
    }

    private static String preview(String sql) {
        String flat = sql.replaceAll("\\s+", " ");
        return flat.length() > 80 ? flat.substring(0, 80) + "…" : flat;
    }

    /** Splits on semicolons outside quotes, quoted identifiers and comments; comments are dropped. */
    static final class Splitter {

        interface Sink {
            void statement(int line, String sql);
        }

        private final Reader in;
        private int pending = -2;
        private int line = 1;

        Splitter(Reader in) {
            this.in = in;
        }

        void forEach(Sink sink) throws IOException {
            StringBuilder current = new StringBuilder();
            int start = -1;
            for (int c = next(); c >= 0; c = next()) {
                if (c == '-' && peek() == '-') {
                    while (c >= 0 && c != '\n') {
                        c = next();
                    }
                    current.append('\n');
                    continue;
                }
                if (c == '/' && peek() == '*') {
                    next();
                    int previous = 0;
                    for (c = next(); c >= 0 && !(previous == '*' && c == '/'); c = next()) {
                        previous = c;
                    }
                    current.append(' ');
                    continue;
                }
                if (c == ';') {
                    emit(sink, current, start);
                    start = -1;
                    continue;
                }
                if (start < 0 && !Character.isWhitespace(c)) {
                    start = line;
                }
                current.append((char) c);
                int close = switch (c) {
                    case '\'' -> '\'';
                    case '"' -> '"';
                    case '`' -> '`';
                    case '[' -> ']';
                    default -> -1;
                };
                if (close >= 0) {
                    quoted(current, close);
                }
            }
            emit(sink, current, start);
        }

        /** Copies up to and including the closing quote; a doubled quote stays inside. */
        private void quoted(StringBuilder current, int close) throws IOException {
            int opened = line;
            while (true) {
                int c = next();
                if (c < 0) {
                    throw new CommandFailure("line " + opened + ": unterminated " + (char) close + " quote");
                }
                current.append((char) c);
                if (c == close) {
                    if (close != ']' && peek() == close) {
                        current.append((char) next());
                        continue;
                    }
                    return;
                }
            }
        }

        private static void emit(Sink sink, StringBuilder current, int start) {
            String sql = current.toString().strip();
            current.setLength(0);
            if (!sql.isEmpty()) {
                sink.statement(start, sql);
            }
        }

        private int next() throws IOException {
            int c = pending != -2 ? pending : in.read();
            pending = -2;
            if (c == '\n') {
                line++;
            }
            return c;
        }

        private int peek() throws IOException {
            if (pending == -2) {
                pending = in.read();
            }
            return pending;
        }
    }
}
