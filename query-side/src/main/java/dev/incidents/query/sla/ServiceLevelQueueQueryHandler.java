package dev.incidents.query.sla;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.query.access.ServiceLevelAccess;

/**
 * Lists the live at-risk and breached queues from {@code service_levels}. The projection decides the membership of
 * every clock when it applies an event, so this handler only selects records by group and sorts their entries.
 */
@Component
class ServiceLevelQueueQueryHandler {

    /** Longest-waiting first: by the instant the entry joined the queue, then by incident id and clock. */
    private static final Comparator<ServiceLevelQueueItem> ORDER = Comparator
            .comparing(ServiceLevelQueueItem::since, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ServiceLevelQueueItem::incidentId)
            .thenComparing(ServiceLevelQueueItem::clock);

    private final MongoOperations mongo;

    ServiceLevelQueueQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    ServiceLevelQueuePage handle(FetchServiceLevelQueueQuery query) {
        String queue = query.level() == AlertLevel.AT_RISK ? "at-risk" : "breached";
        Set<String> groups = ServiceLevelAccess.queueGroups(query.caller(), query.group(), queue);

        List<ServiceLevelQueueItem> items = new ArrayList<>();
        for (ServiceLevelRecord serviceLevel : mongo.find(members(query.level(), groups), ServiceLevelRecord.class,
                ServiceLevelCollection.NAME)) {
            for (QueueEntry entry : serviceLevel.queueEntries()) {
                if (entry.level() == query.level() && (groups == null || groups.contains(entry.group()))) {
                    items.add(item(serviceLevel, entry));
                }
            }
        }
        return page(query, items);
    }

    /** Sorts the queue's entries longest-waiting first and returns the requested page of them. */
    static ServiceLevelQueuePage page(FetchServiceLevelQueueQuery query, List<ServiceLevelQueueItem> items) {
        List<ServiceLevelQueueItem> sorted = new ArrayList<>(items);
        sorted.sort(ORDER);

        int from = (int) Math.min(sorted.size(), (long) query.page() * query.size());
        int to = Math.min(sorted.size(), from + query.size());
        return new ServiceLevelQueuePage(query.level(), query.group(), List.copyOf(sorted.subList(from, to)),
                query.page(), query.size(), sorted.size());
    }

    /** Selects the records with an entry of {@code level} in one of {@code groups}, or in any group for null. */
    private static Query members(AlertLevel level, Set<String> groups) {
        String field = level == AlertLevel.AT_RISK
                ? ServiceLevelCollection.AT_RISK_GROUPS : ServiceLevelCollection.BREACHED_GROUPS;
        if (groups == null) {
            return Query.query(Criteria.where(field + ".0").exists(true));
        }
        if (groups.size() == 1) {
            return Query.query(Criteria.where(field).is(groups.iterator().next()));
        }
        return Query.query(Criteria.where(field).in(groups));
    }

    private static ServiceLevelQueueItem item(ServiceLevelRecord serviceLevel, QueueEntry entry) {
        return new ServiceLevelQueueItem(serviceLevel.incidentId(), entry.clock(), entry.group(), entry.level(),
                entry.priority(), serviceLevel.facts().state(), entry.since(), entry.dueAt(),
                entry.targetMillis() == null ? null : entry.targetMillis() / 60_000.0,
                serviceLevel.policyId(), serviceLevel.policyVersion());
    }
}
