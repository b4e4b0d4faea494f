package dev.agentkanban.web;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** Formatting helpers for templates, as {@code fmt:name(value)}. */
@TemplateExtension(namespace = "fmt")
public final class Fmt {

    private static final Map<String, String> STATUS = Map.of("todo", "Todo", "in_progress", "In Progress",
            "in_review", "In Review", "done", "Done", "cancelled", "Cancelled");

    private Fmt() {
    }

    /** "3m ago" from an ISO instant (or SQLite's "YYYY-MM-DD HH:MM:SS"); "—" when absent. */
    public static String ago(Object iso) {
        Instant at = instant(iso);
        if (at == null) {
            return "—";
        }
        long s = Duration.between(at, Instant.now()).getSeconds();
        if (s < 0) {
            return "in " + span(-s);
        }
        return s < 45 ? "just now" : span(s) + " ago";
    }

    /** The day part of a timestamp: {@code 2026-04-14}. */
    public static String day(Object iso) {
        String text = iso == null ? "" : iso.toString();
        return text.length() >= 10 ? text.substring(0, 10) : text;
    }

    /** 1234 → 1.2K, 2400000 → 2.4M. */
    public static String tokens(Object n) {
        long v = number(n);
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        return v >= 1_000 ? String.format(Locale.ROOT, "%.1fK", v / 1e3) : Long.toString(v);
    }

    /** Two token counts added, as {@link #tokens}. */
    public static String tokensOf(Object a, Object b) {
        return tokens(number(a) + number(b));
    }

    /** Micro-dollars as dollars: 2810000 → $2.81. */
    public static String money(Object micro) {
        return String.format(Locale.ROOT, "$%.2f", number(micro) / 1e6);
    }

    /** The first 8 hex digits of a fingerprint, paired: {@code d4:55:a5:f8}. */
    public static String fingerprint(Object fingerprint) {
        String f = fingerprint == null ? "" : fingerprint.toString().toLowerCase(Locale.ROOT);
        if (f.length() < 8) {
            return f;
        }
        return f.substring(0, 2) + ":" + f.substring(2, 4) + ":" + f.substring(4, 6) + ":" + f.substring(6, 8);
    }

    public static String status(Object status) {
        return status == null ? "" : STATUS.getOrDefault(status.toString(), status.toString());
    }

    public static RawString identicon(Object key, int size) {
        return new RawString(Identicon.svg(key == null ? null : key.toString(), size));
    }

    static long number(Object n) {
        if (n instanceof Number number) {
            return number.longValue();
        }
        try {
            return n == null ? 0 : Long.parseLong(n.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static Instant instant(Object iso) {
        if (iso == null || iso.toString().isEmpty()) {
            return null;
        }
        String text = iso.toString();
        try {
            return Instant.parse(text.contains("T") ? text : text.replace(' ', 'T') + "Z");
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String span(long s) {
        if (s < 3600) {
            return Math.max(1, s / 60) + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }
}
