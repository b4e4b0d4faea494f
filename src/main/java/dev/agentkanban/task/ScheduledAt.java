package dev.agentkanban.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.error.ApiException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scheduled_at} as the original accepts it (api spec 8): full ISO-8601 with an explicit
 * zone, calendar-lenient days (Feb 30 rolls into March, 24:00:00 is the next midnight), stored
 * normalised to 24-character UTC with milliseconds so string comparison keeps working.
 */
final class ScheduledAt {

    static final String INVALID = "scheduled_at must be ISO 8601 with timezone (e.g. 2026-03-28T09:00:00Z)";

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(Z|([+-])(\\d{2}):(\\d{2}))");

    private ScheduledAt() {
    }

    /** Null for an absent or JSON-null value; otherwise the normalised instant, or a 400. */
    static String parse(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String normalised = value.isTextual() && value.asText().length() <= 64 ? normalise(value.asText()) : null;
        if (normalised == null) {
            throw new ApiException(400, "INVALID_SCHEDULED_AT", INVALID);
        }
        return normalised;
    }

    /** Null when the text is not a valid instant under the rules above. */
    static String normalise(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        String fraction = m.group(7) == null ? "" : m.group(7);
        int millis = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00").substring(0, 3));
        boolean midnightAfter = hour == 24 && minute == 0 && second == 0 && fraction.chars().allMatch(c -> c == '0');
        if (month < 1 || month > 12 || day < 1 || day > 31 || (hour > 23 && !midnightAfter) || minute > 59
                || second > 59) {
            return null;
        }
        int offsetMinutes = 0;
        if (m.group(9) != null) {
            int offHour = Integer.parseInt(m.group(10));
            int offMinute = Integer.parseInt(m.group(11));
            if (offHour > 23 || offMinute > 59) {
                return null;
            }
            offsetMinutes = (offHour * 60 + offMinute) * ("-".equals(m.group(9)) ? -1 : 1);
        }
        LocalDateTime local = LocalDate.of(Integer.parseInt(m.group(1)), month, 1)
                .plusDays(day - 1L)
                .atStartOfDay()
                .plusHours(hour)
                .plusMinutes(minute - (long) offsetMinutes)
                .plusSeconds(second)
                .plusNanos(millis * 1_000_000L);
        return Times.format(local.toInstant(ZoneOffset.UTC));
    }
}
