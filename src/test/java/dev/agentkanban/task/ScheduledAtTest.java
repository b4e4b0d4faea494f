package dev.agentkanban.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScheduledAtTest {

    @Test
    void acceptsFullIsoWithZoneAndNormalisesToUtcMillis() {
        assertThat(ScheduledAt.normalise("2026-03-28T09:00:00Z")).isEqualTo("2026-03-28T09:00:00.000Z");
        assertThat(ScheduledAt.normalise("2026-03-28T09:00:00+02:00")).isEqualTo("2026-03-28T07:00:00.000Z");
        assertThat(ScheduledAt.normalise("2026-03-28T23:30:00-01:45")).isEqualTo("2026-03-29T01:15:00.000Z");
        assertThat(ScheduledAt.normalise("2026-03-28T09:00:00.5Z")).isEqualTo("2026-03-28T09:00:00.500Z");
        assertThat(ScheduledAt.normalise("2026-03-28T09:00:00.9999Z")).isEqualTo("2026-03-28T09:00:00.999Z");
    }

    @Test
    void rollsDaysOverAndReadsTwentyFourAsNextMidnight() {
        assertThat(ScheduledAt.normalise("2026-02-30T00:00:00Z")).isEqualTo("2026-03-02T00:00:00.000Z");
        assertThat(ScheduledAt.normalise("2026-04-31T10:00:00Z")).isEqualTo("2026-05-01T10:00:00.000Z");
        assertThat(ScheduledAt.normalise("2026-12-31T24:00:00Z")).isEqualTo("2027-01-01T00:00:00.000Z");
    }

    @Test
    void refusesEverythingElse() {
        for (String bad : new String[] {"2026-03-28", "2026-03-28T09:00:00", "2026-03-28T09:00:00z",
                "2026-03-28T09:00:00+0200", "2026-03-28 09:00:00Z", "2026-03-28T24:00:01Z", "2026-03-28T09:60:00Z",
                "2026-03-28T09:00:60Z", "2026-00-28T09:00:00Z", "2026-13-28T09:00:00Z", "2026-03-00T09:00:00Z",
                "2026-03-32T09:00:00Z", "2026-03-28T09:00:00+24:00", "2026-03-28T09:00:00+01:60",
                "2026-03-28T09:00Z", " 2026-03-28T09:00:00Z"}) {
            assertThat(ScheduledAt.normalise(bad)).as(bad).isNull();
        }
    }
}
