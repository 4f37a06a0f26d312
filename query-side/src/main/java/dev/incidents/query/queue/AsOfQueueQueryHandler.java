package dev.incidents.query.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.api.query.QueuePage;
import dev.incidents.query.access.IncidentAccess;
import dev.incidents.query.access.QueueAccess;
import dev.incidents.query.access.Visibility;
import dev.incidents.query.asof.PeriodIndex;

/**
 * Computes the role queues as they were at an instant, from the periods in {@link QueueHistoryCollection#NAME}. Each
 * queue section's periods are found through its {@link PeriodIndex}, keeping those that contain the instant.
 * Visibility and order are then applied in memory by the same rules as {@link QueueQueryHandler}, to the values the
 * incidents had at that instant.
 */
@Component
class AsOfQueueQueryHandler {

    /** Same order as the live queues: priority (text order is P1 to P5, missing first), report time, id. */
    private static final Comparator<IncidentSummary> BY_PRIORITY = Comparator
            .comparing((IncidentSummary summary) -> summary.priority() == null ? null : summary.priority().name(),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(IncidentSummary::reportedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(summary -> summary.incidentId().value());

    private static final Comparator<IncidentSummary> NEWEST_FIRST = Comparator
            .comparing(IncidentSummary::reportedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(summary -> summary.incidentId().value());

    private final MongoOperations mongo;
    private final SupportGroupId serviceDeskGroup;
    private final QueueAccess queueAccess;

    AsOfQueueQueryHandler(MongoOperations mongo,
                          @Value("${incidents.service-desk-group:SERVICE-DESK}") String serviceDeskGroup) {
        this.mongo = mongo;
        this.serviceDeskGroup = new SupportGroupId(serviceDeskGroup);
        this.queueAccess = new QueueAccess(this.serviceDeskGroup);
    }

    @QueryHandler
    QueuePage handle(FetchQueuePageAsOfQuery query) {
        FetchQueuePageQuery page = query.page();
        queueAccess.check(page.caller(), page.queue(), page.subject());

        Visibility visibility = Visibility.of(page.caller());
        List<IncidentSummary> members = new ArrayList<>();
        switch (page.queue()) {
            case SERVICE_DESK -> {
                String group = serviceDeskGroup.value();
                members.addAll(section(QueueKeys.NEW, query, visibility, BY_PRIORITY));
                members.addAll(section(QueueKeys.group(group), query, visibility, BY_PRIORITY));
                members.addAll(section(QueueKeys.ownerResolved(group), query, visibility, BY_PRIORITY));
            }
            case SUPPORT_GROUP -> members.addAll(section(QueueKeys.group(page.subject()), query, visibility,
                    BY_PRIORITY));
            case ASSIGNEE -> members.addAll(section(QueueKeys.assignee(page.subject()), query, visibility,
                    BY_PRIORITY));
            case REQUESTER -> members.addAll(section(QueueKeys.requester(page.subject()), query, visibility,
                    NEWEST_FIRST));
        }

        long from = Math.min((long) page.page() * page.size(), members.size());
        long to = Math.min(from + page.size(), members.size());
        return new QueuePage(members.subList((int) from, (int) to), page.page(), page.size(), members.size());
    }

    /**
     * Returns the members of one section at the query's instant, as the caller may see them, in queue order. The
     * section's index lists its periods with their bounds, so only the periods that contain the instant are read.
     * Each of the three reads is a lookup by {@code _id}, which the embedded MongoDB server serves from its unique
     * index.
     */
    private List<IncidentSummary> section(String key, FetchQueuePageAsOfQuery query, Visibility visibility,
                                          Comparator<IncidentSummary> order) {
        List<String> stintIds = PeriodIndex.periodsAt(mongo, QueueHistoryCollection.INDEX, key, query.asOf(),
                query.axis() == TimeAxis.BUSINESS);
        List<IncidentSummary> members = new ArrayList<>();
        if (stintIds.isEmpty()) {
            return members;
        }

        Query byIds = Query.query(Criteria.where("_id").in(stintIds));
        for (Document stored : mongo.find(byIds, Document.class, QueueHistoryCollection.NAME)) {
            QueueStint stint = QueueStint.read(stored);
            IncidentSummary summary = stint.summary();
            IncidentAccess access = visibility.accessTo(text(summary.ownerGroup()), text(summary.assignedGroup()),
                    text(summary.assignee()), text(summary.requester()));
            if (access == IncidentAccess.STAFF) {
                members.add(summary);
            } else if (access == IncidentAccess.CUSTOMER) {
                members.add(stint.customerSummary());
            }
        }
        members.sort(order);
        return members;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
