package dev.incidents.query.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

import java.util.Set;
import java.util.stream.Collectors;

/** The {@code incident_summaries} collection: one {@link ProjectedIncident} per incident, keyed by incident id. */
public final class IncidentSummaryCollection {

    public static final String NAME = "incident_summaries";

    private static final Logger log = LoggerFactory.getLogger(IncidentSummaryCollection.class);

    private IncidentSummaryCollection() {
    }

    /**
     * Creates the indexes behind the queue, statistics and export queries, each an equality filter on one or two
     * fields followed by the queue's sort fields, or a report time range. Creating an index that already exists
     * changes nothing.
     */
    static void ensureIndexes(MongoOperations mongo) {
        IndexOperations indexes = ensureWorkQueueIndexes(mongo, NAME);
        dropReplaced(indexes, NAME, "requester_1");
        // The requester queue lists the newest incidents first.
        indexes.ensureIndex(new Index().on(ProjectedIncident.REQUESTER, Sort.Direction.ASC)
                .on(ProjectedIncident.REPORTED_AT, Sort.Direction.DESC));
        // Serves the report time range of the CSV and XES exports when they select no state or group.
        indexes.ensureIndex(new Index().on(ProjectedIncident.REPORTED_AT, Sort.Direction.ASC));
    }

    /**
     * Creates the indexes of the work queue filters on a collection of summaries: the state, the assigned group and
     * the owner group each with the state, and the assignee. The first three go on with the queue order, priority
     * and report time, so a queue page reads its incidents in order from the index instead of sorting the whole
     * queue. Returns the collection's index operations.
     */
    static IndexOperations ensureWorkQueueIndexes(MongoOperations mongo, String collection) {
        IndexOperations indexes = mongo.indexOps(collection);
        dropReplaced(indexes, collection, "state_1", "assignedGroup_1_state_1", "ownerGroup_1_state_1");
        indexes.ensureIndex(inQueueOrder(new Index().on(ProjectedIncident.STATE, Sort.Direction.ASC)));
        indexes.ensureIndex(inQueueOrder(new Index().on(ProjectedIncident.ASSIGNED_GROUP, Sort.Direction.ASC)
                .on(ProjectedIncident.STATE, Sort.Direction.ASC)));
        indexes.ensureIndex(inQueueOrder(new Index().on(ProjectedIncident.OWNER_GROUP, Sort.Direction.ASC)
                .on(ProjectedIncident.STATE, Sort.Direction.ASC)));
        indexes.ensureIndex(new Index().on(ProjectedIncident.ASSIGNEE, Sort.Direction.ASC));
        return indexes;
    }

    private static Index inQueueOrder(Index index) {
        return index.on(ProjectedIncident.PRIORITY, Sort.Direction.ASC)
                .on(ProjectedIncident.REPORTED_AT, Sort.Direction.ASC);
    }

    /** Drops the indexes that the longer ones above replace, which a store written before may still have. */
    private static void dropReplaced(IndexOperations indexes, String collection, String... names) {
        Set<String> existing = indexes.getIndexInfo().stream().map(IndexInfo::getName).collect(Collectors.toSet());
        for (String name : names) {
            if (existing.contains(name)) {
                log.info("Dropping index {} of {}: an index that goes on with the queue order replaces it", name,
                        collection);
                indexes.dropIndex(name);
            }
        }
    }
}
