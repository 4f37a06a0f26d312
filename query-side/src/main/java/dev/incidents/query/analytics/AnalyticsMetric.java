package dev.incidents.query.analytics;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.incidents.query.web.InvalidRequestValueException;

/** The figures {@code GET /api/analytics/{metric}} computes, by their path name. */
enum AnalyticsMetric {
    SERVICE_LEVELS("service-levels"),
    TIMES("times"),
    BACKLOG("backlog"),
    FLOW("flow"),
    THROUGHPUT("throughput");

    private final String pathName;

    AnalyticsMetric(String pathName) {
        this.pathName = pathName;
    }

    String pathName() {
        return pathName;
    }

    static AnalyticsMetric parse(String value) {
        for (AnalyticsMetric metric : values()) {
            if (metric.pathName.equals(value)) {
                return metric;
            }
        }
        throw new InvalidRequestValueException("metric", value, "unknown metric '" + value + "': use one of "
                + Arrays.stream(values()).map(AnalyticsMetric::pathName).collect(Collectors.joining(", ")));
    }
}
