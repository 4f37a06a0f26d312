package dev.incidents.query.analytics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.query.access.ServiceLevelAccess;
import dev.incidents.query.sla.ServiceLevelCollection;
import dev.incidents.query.sla.ServiceLevelRecord;

/**
 * Computes analytics reports from {@code service_levels}. MongoDB selects the records by equality on group,
 * priority and category. The embedded MongoDB server uses indexes only for equality lookups, so the report range,
 * the grouping and every figure are computed here.
 */
@Component
class AnalyticsQueryHandler {

    private final MongoOperations mongo;
    private final Clock clock;

    @Autowired
    AnalyticsQueryHandler(MongoOperations mongo) {
        this(mongo, Clock.systemUTC());
    }

    /** Creates a handler whose backlog defaults to the instant of {@code clock}. */
    AnalyticsQueryHandler(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @QueryHandler
    AnalyticsReport handle(FetchAnalyticsQuery query) {
        AnalyticsFilter filter = query.filter();
        Set<String> groups = ServiceLevelAccess.analyticsGroups(query.caller(), filter.group());
        Instant asOf = query.metric() == AnalyticsMetric.BACKLOG
                ? (query.asOf() != null ? query.asOf() : clock.instant()) : null;

        // Streamed, so that the records outside the range are never all held at once.
        List<ServiceLevelRecord> records = new ArrayList<>();
        try (Stream<ServiceLevelRecord> selected = mongo.stream(selection(filter, groups), ServiceLevelRecord.class,
                ServiceLevelCollection.NAME)) {
            selected.forEach(serviceLevel -> {
                // Throughput applies the range to each counted instant instead of the report time.
                boolean inRange = query.metric() == AnalyticsMetric.THROUGHPUT
                        || filter.inRange(serviceLevel.facts().reportedAt());
                // The backlog counts only incidents reported by asOf, in every figure of a bucket.
                if (inRange && (asOf == null || reportedBy(serviceLevel, asOf))) {
                    records.add(serviceLevel);
                }
            });
        }

        List<AnalyticsReport.Bucket> buckets = new ArrayList<>();
        for (Map.Entry<String, List<ServiceLevelRecord>> bucket : split(records, query.groupBy()).entrySet()) {
            buckets.add(new AnalyticsReport.Bucket(bucket.getKey(), bucket.getValue().size(),
                    figures(query.metric(), bucket.getValue(), filter, asOf)));
        }
        return new AnalyticsReport(query.metric().pathName(), filter.from(), filter.to(), filter.group(),
                filter.priority(), filter.category(),
                query.groupBy() == null ? null : query.groupBy().name().toLowerCase(Locale.ROOT),
                groups == null ? null : List.copyOf(groups), asOf, buckets);
    }

    private static boolean reportedBy(ServiceLevelRecord serviceLevel, Instant asOf) {
        Instant reportedAt = serviceLevel.facts().reportedAt();
        return reportedAt != null && !reportedAt.isAfter(asOf);
    }

    private static Query selection(AnalyticsFilter filter, Set<String> groups) {
        Criteria criteria = new Criteria();
        if (groups != null) {
            criteria = groups.size() == 1
                    ? criteria.and(ServiceLevelCollection.GROUP).is(groups.iterator().next())
                    : criteria.and(ServiceLevelCollection.GROUP).in(groups);
        }
        if (filter.priority() != null) {
            criteria = criteria.and(ServiceLevelCollection.PRIORITY).is(filter.priority().name());
        }
        if (filter.category() != null) {
            criteria = criteria.and(ServiceLevelCollection.CATEGORY).is(filter.category());
        }
        return Query.query(criteria);
    }

    /**
     * Splits the records by the grouping key, keys in ascending order and incidents without a key last. Without a
     * grouping all records form one bucket with a null key.
     */
    private static Map<String, List<ServiceLevelRecord>> split(List<ServiceLevelRecord> records,
                                                               AnalyticsGrouping grouping) {
        Map<String, List<ServiceLevelRecord>> buckets = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        if (grouping == null) {
            buckets.put(null, records);
            return buckets;
        }
        for (ServiceLevelRecord serviceLevel : records) {
            buckets.computeIfAbsent(grouping.keyOf(serviceLevel.facts()), ignored -> new ArrayList<>())
                    .add(serviceLevel);
        }
        return buckets;
    }

    private static Object figures(AnalyticsMetric metric, List<ServiceLevelRecord> records, AnalyticsFilter filter,
                                  Instant asOf) {
        return switch (metric) {
            case SERVICE_LEVELS -> ServiceLevelFigures.of(records);
            case TIMES -> TimeFigures.of(records);
            case BACKLOG -> BacklogFigures.of(records, asOf);
            case FLOW -> FlowFigures.of(records);
            case THROUGHPUT -> ThroughputFigures.of(records, filter);
        };
    }
}
