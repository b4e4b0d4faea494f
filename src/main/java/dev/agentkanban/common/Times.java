package dev.agentkanban.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as the clients and the stored data expect them: 24-character ISO-8601 UTC with
 * milliseconds ({@code 2026-04-14T09:30:05.123Z}). Filters compare these strings, so every
 * timestamp the server writes must come from here.
 */
public final class Times {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String now() {
        return format(Instant.now());
    }

    public static String format(Instant instant) {
        return ISO.format(instant);
    }

    public static Instant parse(String iso) {
        return Instant.parse(iso);
    }
}
