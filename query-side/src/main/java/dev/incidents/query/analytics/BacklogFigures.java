package dev.incidents.query.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.incidents.query.sla.IncidentFlowFacts;
import dev.incidents.query.sla.ServiceLevelRecord;

/**
 * Figures of the {@code backlog} metric: the incidents open at {@code asOf}, by age since their report. An incident
 * is open from its report, reopen or rejected resolution until it is resolved or cancelled. Each bucket includes its
 * lower bound and excludes its upper bound, so an incident exactly one day old counts in {@code 1-3 days}.
 */
record BacklogFigures(long open, List<AgeBucket> ages) {

    /** @param maxDays upper bound in days, exclusive; null for the last bucket */
    record AgeBucket(String age, int minDays, Integer maxDays, long incidents) {
    }

    private static final int[] BOUNDS_IN_DAYS = {0, 1, 3, 7, 30};
    private static final String[] LABELS = {"under 1 day", "1-3 days", "3-7 days", "7-30 days", "over 30 days"};

    static BacklogFigures of(List<ServiceLevelRecord> records, Instant asOf) {
        long[] counts = new long[BOUNDS_IN_DAYS.length];
        long open = 0;
        for (ServiceLevelRecord serviceLevel : records) {
            IncidentFlowFacts facts = serviceLevel.facts();
            if (facts.reportedAt() == null || facts.reportedAt().isAfter(asOf) || !facts.openAt(asOf)) {
                continue;
            }
            open++;
            counts[bucketOf(Duration.between(facts.reportedAt(), asOf))]++;
        }

        List<AgeBucket> ages = new ArrayList<>();
        for (int i = 0; i < BOUNDS_IN_DAYS.length; i++) {
            Integer maxDays = i + 1 < BOUNDS_IN_DAYS.length ? BOUNDS_IN_DAYS[i + 1] : null;
            ages.add(new AgeBucket(LABELS[i], BOUNDS_IN_DAYS[i], maxDays, counts[i]));
        }
        return new BacklogFigures(open, ages);
    }

    private static int bucketOf(Duration age) {
        int bucket = 0;
        for (int i = 1; i < BOUNDS_IN_DAYS.length; i++) {
            if (age.compareTo(Duration.ofDays(BOUNDS_IN_DAYS[i])) >= 0) {
                bucket = i;
            }
        }
        return bucket;
    }
}
