package dev.incidents.query.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.query.access.ServiceLevelAccess;
import dev.incidents.query.asof.PeriodIndex;
import dev.incidents.query.queue.TimeAxis;

/**
 * Lists the at-risk and breached queues as they were at an instant, from the periods in
 * {@link ServiceLevelHistory#NAME}. Access, group selection, order and paging follow
 * {@link ServiceLevelQueueQueryHandler}. The caller's current roles and groups decide which queues it may open.
 */
@Component
class AsOfServiceLevelQueueQueryHandler {

    private final MongoOperations mongo;

    AsOfServiceLevelQueueQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    ServiceLevelQueuePage handle(FetchServiceLevelQueueAsOfQuery asOfQuery) {
        FetchServiceLevelQueueQuery query = asOfQuery.page();
        String queue = query.level() == AlertLevel.AT_RISK ? "at-risk" : "breached";
        Set<String> groups = ServiceLevelAccess.queueGroups(query.caller(), query.group(), queue);

        List<String> keys = new ArrayList<>();
        if (groups == null) {
            keys.add(ServiceLevelHistory.key(query.level(), null));
        } else {
            groups.stream().sorted().forEach(group -> keys.add(ServiceLevelHistory.key(query.level(), group)));
        }
        List<ServiceLevelQueueItem> items = new ArrayList<>();
        for (String key : keys) {
            items.addAll(itemsAt(key, asOfQuery, groups));
        }

        return ServiceLevelQueueQueryHandler.page(query, items);
    }

    /** Returns the entries under {@code key} at the query's instant, in one of {@code groups} or any for null. */
    private List<ServiceLevelQueueItem> itemsAt(String key, FetchServiceLevelQueueAsOfQuery asOfQuery,
                                                Set<String> groups) {
        List<String> periodIds = PeriodIndex.periodsAt(mongo, ServiceLevelHistory.INDEX, key, asOfQuery.asOf(),
                asOfQuery.axis() == TimeAxis.BUSINESS);
        List<ServiceLevelQueueItem> items = new ArrayList<>();
        if (periodIds.isEmpty()) {
            return items;
        }

        Query byIds = Query.query(Criteria.where("_id").in(periodIds));
        for (Document period : mongo.find(byIds, Document.class, ServiceLevelHistory.NAME)) {
            for (ServiceLevelQueueItem item : ServiceLevelHistory.items(period)) {
                if (item.level() == asOfQuery.page().level() && (groups == null || groups.contains(item.group()))) {
                    items.add(item);
                }
            }
        }
        return items;
    }
}
