package dev.incidents.query.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.incidents.query.sla.IncidentFlowFacts;
import dev.incidents.query.sla.ServiceLevelRecord;

/**
 * Figures of the {@code throughput} metric: per ISO week (UTC), how many incidents were reported, resolved and
 * closed in it. An incident counts as resolved in the week of its latest resolution and closed in the week of its
 * closure, when it is still resolved or closed. {@code from} and {@code to} limit each count to the instants in
 * their range, not to incidents reported in it.
 */
record ThroughputFigures(long reported, long resolved, long closed, List<Week> weeks) {

    /** @param start Monday that starts the week */
    record Week(String week, LocalDate start, long reported, long resolved, long closed) {
    }

    static ThroughputFigures of(List<ServiceLevelRecord> records, AnalyticsFilter filter) {
        Map<LocalDate, long[]> byWeek = new TreeMap<>();
        for (ServiceLevelRecord serviceLevel : records) {
            IncidentFlowFacts facts = serviceLevel.facts();
            count(byWeek, facts.reportedAt(), 0, filter);
            count(byWeek, facts.resolvedAt(), 1, filter);
            count(byWeek, facts.closedAt(), 2, filter);
        }

        List<Week> weeks = new ArrayList<>();
        long[] totals = new long[3];
        for (Map.Entry<LocalDate, long[]> week : byWeek.entrySet()) {
            long[] counts = week.getValue();
            LocalDate start = week.getKey();
            weeks.add(new Week(AnalyticsGrouping.isoWeek(start.atStartOfDay(ZoneOffset.UTC).toInstant()), start,
                    counts[0], counts[1], counts[2]));
            for (int i = 0; i < totals.length; i++) {
                totals[i] += counts[i];
            }
        }
        return new ThroughputFigures(totals[0], totals[1], totals[2], weeks);
    }

    private static void count(Map<LocalDate, long[]> byWeek, Instant instant, int index, AnalyticsFilter filter) {
        if (instant == null || !filter.inRange(instant)) {
            return;
        }
        LocalDate monday = instant.atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        byWeek.computeIfAbsent(monday, ignored -> new long[3])[index]++;
    }
}
