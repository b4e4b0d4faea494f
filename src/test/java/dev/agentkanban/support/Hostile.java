package dev.agentkanban.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generators of hostile input for property-style tests: every case is drawn from a seeded
 * {@link Random}, so a failing case is reproduced from the seed and its index alone. Covers wrong
 * types, 1 MB strings, deep nesting, unicode edge cases (NUL, lone surrogates, RTL overrides),
 * SQL metacharacters, overflowing numbers and malformed percent-encoding.
 */
public final class Hostile {

    /** A value drawn from a random source. */
    @FunctionalInterface
    public interface Gen<T> {
        T next(Random random);

        default <R> Gen<R> map(Function<T, R> f) {
            return r -> f.apply(next(r));
        }
    }

    private Hostile() {
    }

    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
        return r -> choices[r.nextInt(choices.length)].next(r);
    }

    @SafeVarargs
    public static <T> Gen<T> of(T... values) {
        return r -> values[r.nextInt(values.length)];
    }

    public static Gen<String> strings() {
        return oneOf(SPECIAL, SQL, Hostile::anyChars, Hostile::anyChars, r -> "x".repeat(LENGTHS[r.nextInt(LENGTHS.length)]));
    }

    /** One JSON value as text: hostile strings, numbers, literals, arrays, objects, deep nesting. */
    public static Gen<String> jsonValue() {
        return r -> value(r, 0);
    }

    /** A JSON request body: an object of known and unknown fields, another JSON value, or broken bytes. */
    public static Gen<byte[]> body(List<String> fields) {
        Gen<String> object = r -> {
            int n = r.nextInt(7);
            List<String> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = r.nextInt(5) == 0 ? anyChars(r) : fields.get(r.nextInt(fields.size()));
                members.add(quote(name) + ":" + value(r, 0));
            }
            return "{" + String.join(",", members) + "}";
        };
        Gen<byte[]> text = oneOf(object, object, object, jsonValue(), BROKEN_JSON, Hostile::deep)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Gen<byte[]> bytes = of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}, new byte[0], new byte[] {0, 0, 0});
        return r -> r.nextInt(12) == 0 ? bytes.next(r) : text.next(r);
    }

    /** A path segment: percent-encoded hostile text, raw malformed escapes, traversal, huge. */
    public static Gen<String> pathSegment() {
        return oneOf(strings().map(Hostile::percentEncode), MALFORMED_ESCAPES,
                of("..", "%2e%2e", "%2F", "%00", "a%2Fb", ";x=1", "%u0041", "~", "*", "{id}", "%25", "%20%20", "."),
                r -> "a".repeat(1 + r.nextInt(3000)));
    }

    /** A query string (without {@code ?}) over known parameter names. */
    public static Gen<String> query(List<String> names) {
        Gen<String> pair = r -> {
            String name = r.nextInt(6) == 0 ? percentEncode(anyChars(r)) : names.get(r.nextInt(names.size()));
            String value = r.nextInt(4) == 0 ? MALFORMED_ESCAPES.next(r) : percentEncode(strings().next(r));
            return r.nextInt(10) == 0 ? name : name + "=" + value;
        };
        return oneOf(r -> {
            int n = 1 + r.nextInt(4);
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pairs.add(pair.next(r));
            }
            return String.join("&", pairs);
        }, of("", "&&&", "=", "==", "a=1&a=2&a=3", "%", "%%", "%ZZ", "a=%E0%A4%A", "a=%C0%AF", "a=%FF%FE"),
                r -> "x=1&".repeat(200 + r.nextInt(600)));
    }

    /** A header value of Latin-1 text (what HTTP/1.1 carries), hostile but well-formed on the wire. */
    public static Gen<String> headerValue() {
        return oneOf(strings().map(Hostile::latin1), of("", " ", "Bearer", "Bearer ", "bearer x", "Basic YTpi",
                "Bearer ak_", "Bearer a.b.c", "Bearer ..", "Bearer eyJ.eyJ.sig", "v1.0.0", "999999999999999999999.0.0",
                "1.2.3.4.5", "-1", "NaN", "application/json; charset=utf-16", "text/html", "*/*"));
    }

    public static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** JSON string literal; lone surrogates and control characters as escapes, as a JSON encoder writes them. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static final int[] LENGTHS = {101, 1_001, 10_001, 100_001, 1_048_576};

    private static final Gen<String> SPECIAL = of("", " ", "\u0000", "a\u0000b", "\uD800", "\uDFFF", "x\uDBFFy",
            "\u202Egnp.exe", "\u200F\u200E\u061C", "\uFEFF", "\uD835\uDD4F\uD83D\uDE00", "e\u0301\u0301\u0301",
            "\u0085\u2028\u2029", "\r\n", "\t", "null", "undefined", "NaN", "-1", "1e309", "0x10", "true",
            "../../etc/passwd", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}", "%s%n%x", "\\",
            "https://169.254.169.254/latest/meta-data", "file:///etc/passwd", "git@github.com:a/b.git", "ak_x",
            "2026-02-30T25:61:61Z", "9999-12-31T23:59:59.999Z", "0000-00-00");

    private static final Gen<String> SQL = of("'", "''", "' OR '1'='1", "'; DROP TABLE tasks; --", "\" OR \"\"=\"",
            "%", "_", "%_%", "1; SELECT sqlite_version()", "' UNION SELECT key_hash FROM api_keys --",
            "admin'--", "\\'", "`", "]", "json_extract('{}','$')", "x' AND randomblob(1000000000) --");

    private static final Gen<String> MALFORMED_ESCAPES = of("%", "%Z", "%ZZ", "%G1", "%E0%A4%A", "%%41", "a%", "%0",
            "%u00", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%FF");

    private static final Gen<String> BROKEN_JSON = of("{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}",
            "[1,2", "{\"a\":1}{\"b\":2}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":Infinity}",
            "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "nul", "tru", "\"unterminated", "{\"a\":1 /*c*/}", "{\u0000}");

    private static final String[] NUMBERS = {"0", "-0", "-1", "1.5", "1e309", "-1e309", "1e-400", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "0.0000001", "2147483648",
        "1E2", "4.9e-324"};

    private static String value(Random r, int depth) {
        int pick = r.nextInt(depth > 3 ? 8 : 11);
        return switch (pick) {
            case 0, 1, 2 -> quote(strings().next(r));
            case 3, 4 -> NUMBERS[r.nextInt(NUMBERS.length)];
            case 5 -> of("true", "false", "null").next(r);
            case 6 -> "[]";
            case 7 -> "{}";
            case 8 -> {
                int n = r.nextInt(4) == 0 ? 101 : r.nextInt(4);
                List<String> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(value(r, depth + 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            case 9 -> "{" + quote(anyChars(r)) + ":" + value(r, depth + 1) + "}";
            default -> deep(r);
        };
    }

    private static String deep(Random r) {
        int depth = of(100, 1_001, 5_000, 100_000).next(r);
        return r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** Any UTF-16 units, lone surrogates and controls included. */
    private static String anyChars(Random r) {
        int n = r.nextInt(40);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x80) : (char) r.nextInt(0x10000));
        }
        return out.toString();
    }

    private static String latin1(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7F || c >= 0xA0 && c <= 0xFF) {
                out.append(c);
            }
            if (out.length() > 4000) {
                break;
            }
        }
        return out.toString();
    }
}
