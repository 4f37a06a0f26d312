package dev.incidents.query.analytics;

import java.time.Instant;
import java.util.List;

import dev.incidents.api.incident.Priority;

/**
 * The result of {@code GET /api/analytics/{metric}}: the filters as applied and one bucket per {@code groupBy} key.
 *
 * @param groups the groups a manager's report was limited to; null when it counts every group
 * @param asOf   instant of the backlog; null for other metrics
 */
record AnalyticsReport(String metric, Instant from, Instant to, String group, Priority priority, String category,
                       String groupBy, List<String> groups, Instant asOf, List<Bucket> buckets) {

    /**
     * The figures of the incidents with one {@code groupBy} key.
     *
     * @param key       the key; null for incidents without a value, and for the only bucket when not grouped
     * @param incidents number of incidents counted
     * @param figures   the metric's figures
     */
    record Bucket(String key, long incidents, Object figures) {
    }
}
