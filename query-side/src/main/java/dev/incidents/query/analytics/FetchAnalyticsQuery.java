package dev.incidents.query.analytics;

import java.time.Instant;
import java.util.Objects;

import dev.incidents.api.access.Caller;

/**
 * Fetches one analytics report.
 *
 * @param groupBy how to split the incidents; null for one bucket
 * @param asOf    instant of the backlog; null for the current time
 */
record FetchAnalyticsQuery(AnalyticsMetric metric, AnalyticsFilter filter, AnalyticsGrouping groupBy, Instant asOf,
                           Caller caller) {

    FetchAnalyticsQuery {
        Objects.requireNonNull(metric, "metric is missing");
        Objects.requireNonNull(filter, "filter is missing");
        Objects.requireNonNull(caller, "caller is missing");
    }
}
