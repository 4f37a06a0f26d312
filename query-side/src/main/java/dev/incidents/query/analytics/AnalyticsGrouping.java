package dev.incidents.query.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.incidents.query.sla.IncidentFlowFacts;
import dev.incidents.query.web.InvalidRequestValueException;

/** The key by which {@code groupBy} splits the incidents of an analytics report. */
enum AnalyticsGrouping {
    /** By the group the incident is filed under: its assigned group, or its owner group before any assignment. */
    GROUP,
    PRIORITY,
    CATEGORY,
    /** By the ISO week (UTC) of the report, such as {@code 2025-W10}. */
    WEEK;

    /** Returns the key of the incident's bucket; null for an incident without a value, such as no category. */
    String keyOf(IncidentFlowFacts facts) {
        return switch (this) {
            case GROUP -> facts.group();
            case PRIORITY -> facts.priority() == null ? null : facts.priority().name();
            case CATEGORY -> facts.category();
            case WEEK -> isoWeek(facts.reportedAt());
        };
    }

    /** Returns the ISO week of {@code instant} in UTC, such as {@code 2025-W10}. */
    static String isoWeek(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%d-W%02d", utc.get(IsoFields.WEEK_BASED_YEAR),
                utc.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Parses {@code groupBy}; a missing or empty value means one bucket for all incidents (null). */
    static AnalyticsGrouping parse(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (AnalyticsGrouping grouping : values()) {
            if (grouping.name().toLowerCase(Locale.ROOT).equals(value)) {
                return grouping;
            }
        }
        throw new InvalidRequestValueException("groupBy", value, "invalid groupBy '" + value + "': use one of "
                + Arrays.stream(values()).map(grouping -> grouping.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ", or leave it out for one figure over all incidents");
    }
}
