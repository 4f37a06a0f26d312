package dev.incidents.query.queue;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.api.query.QueueKind;
import dev.incidents.api.query.QueuePage;
import dev.incidents.query.access.QueueAccess;
import dev.incidents.query.access.IncidentAccess;
import dev.incidents.query.access.Visibility;
import dev.incidents.query.incident.ActiveIncidentSummaries;
import dev.incidents.query.incident.IncidentSummaryCollection;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Computes the role queues: the requester queue from {@code incident_summaries}, the work queues from the copies of
 * the active incidents' summaries in {@code active_incident_summaries}, which hold only incidents that are neither
 * closed nor cancelled, as every work queue section does. Every queue filter matches indexed fields by equality,
 * except that the assignee queue also accepts a list of states, and each queue is sorted inside the query. The
 * caller's {@link Visibility} filter is added to every query, so pages, totals and page boundaries count only the
 * incidents the caller may read.
 */
@Component
class QueueQueryHandler {

    /**
     * Orders by priority, then by report time, then by id. Priority names start with P1 to P5, so their text order is
     * their priority order. The id makes the order total, so consecutive pages never overlap.
     */
    private static final Sort BY_PRIORITY = Sort.by(ProjectedIncident.PRIORITY, ProjectedIncident.REPORTED_AT, "_id");

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(ProjectedIncident.REPORTED_AT), Sort.Order.asc("_id"));

    private static final List<IncidentState> ASSIGNEE_WORK_STATES =
            List.of(IncidentState.ASSIGNED, IncidentState.IN_PROGRESS, IncidentState.PENDING);

    private final MongoOperations mongo;
    private final SupportGroupId serviceDeskGroup;
    private final QueueAccess queueAccess;

    QueueQueryHandler(MongoOperations mongo,
                      @Value("${incidents.service-desk-group:SERVICE-DESK}") String serviceDeskGroup) {
        this.mongo = mongo;
        this.serviceDeskGroup = new SupportGroupId(serviceDeskGroup);
        this.queueAccess = new QueueAccess(this.serviceDeskGroup);
    }

    @QueryHandler
    QueuePage handle(FetchQueuePageQuery query) {
        queueAccess.check(query.caller(), query.queue(), query.subject());

        Visibility visibility = Visibility.of(query.caller());
        Criteria visible = visibility.criteria();
        List<Query> sections = switch (query.queue()) {
            case SERVICE_DESK -> serviceDeskSections(visible);
            case SUPPORT_GROUP -> List.of(section(
                    Criteria.where(ProjectedIncident.ASSIGNED_GROUP).is(query.subject())
                            .and(ProjectedIncident.STATE).is(IncidentState.ASSIGNED),
                    visible, BY_PRIORITY));
            case ASSIGNEE -> List.of(section(
                    Criteria.where(ProjectedIncident.ASSIGNEE).is(query.subject())
                            .and(ProjectedIncident.STATE).in(ASSIGNEE_WORK_STATES),
                    visible, BY_PRIORITY));
            case REQUESTER -> List.of(section(
                    Criteria.where(ProjectedIncident.REQUESTER).is(query.subject()),
                    visible, NEWEST_FIRST));
        };
        // Every section of a work queue selects active incidents only, but the requester queue lists closed ones too.
        String collection = query.queue() == QueueKind.REQUESTER ? IncidentSummaryCollection.NAME
                : ActiveIncidentSummaries.NAME;
        return page(sections, collection, query.page(), query.size(), visibility);
    }

    /**
     * Returns the three disjoint sections of the service desk queue in display order: new incidents to route,
     * incidents assigned to the service desk group (returned, reopened or escalated to it), and resolved incidents it
     * owns that wait for closure. Splitting the queue keeps each filter an equality match.
     */
    private List<Query> serviceDeskSections(Criteria visible) {
        String group = serviceDeskGroup.value();
        return List.of(
                section(Criteria.where(ProjectedIncident.STATE).is(IncidentState.NEW), visible, BY_PRIORITY),
                section(Criteria.where(ProjectedIncident.ASSIGNED_GROUP).is(group)
                        .and(ProjectedIncident.STATE).is(IncidentState.ASSIGNED), visible, BY_PRIORITY),
                section(Criteria.where(ProjectedIncident.OWNER_GROUP).is(group)
                        .and(ProjectedIncident.STATE).is(IncidentState.RESOLVED), visible, BY_PRIORITY));
    }

    /** Returns the sorted query of one queue section, limited to visible incidents unless {@code visible} is null. */
    private static Query section(Criteria members, Criteria visible, Sort order) {
        Criteria filter = visible == null ? members : new Criteria().andOperator(members, visible);
        return Query.query(filter).with(order);
    }

    /**
     * Reads one page from the concatenation of disjoint, individually sorted sections. Incidents the caller reads
     * only as their requester appear in the requester's view, without the time of internal work notes.
     */
    private QueuePage page(List<Query> sections, String collection, int page, int size, Visibility visibility) {
        long toSkip = (long) page * size;
        long total = 0;
        List<IncidentSummary> items = new ArrayList<>();

        for (Query section : sections) {
            long count = mongo.count(Query.of(section).limit(0).skip(0), collection);
            if (toSkip >= count) {
                total += count;
                toSkip -= count;
                continue;
            }
            int remaining = size - items.size();
            if (remaining > 0) {
                Query slice = Query.of(section).skip(toSkip).limit(remaining);
                List<ProjectedIncident> found = mongo.find(slice, ProjectedIncident.class, collection);
                // A read that reaches the end of the section also gives its size. A section contains at least the
                // incidents read. So a write between the count and the read cannot make the total disagree with the
                // items of the page.
                if (found.size() < remaining) {
                    count = toSkip + found.size();
                } else {
                    count = Math.max(count, toSkip + found.size());
                }
                found.stream()
                        .map(incident -> visibility.accessTo(incident) == IncidentAccess.STAFF
                                ? incident.toSummary() : incident.toCustomerSummary())
                        .forEach(items::add);
            }
            total += count;
            toSkip = 0;
        }
        return new QueuePage(items, page, size, total);
    }
}
