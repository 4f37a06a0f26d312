package dev.incidents.query.incident;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;

/** The {@code incident_summaries} collection: one {@link ProjectedIncident} per incident, keyed by incident id. */
public final class IncidentSummaryCollection {

    public static final String NAME = "incident_summaries";

    private IncidentSummaryCollection() {
    }

    /**
     * Creates the indexes behind the queue, statistics and export queries, each an equality filter on one or two
     * fields or a report time range. Creating an index that already exists changes nothing.
     */
    static void ensureIndexes(MongoOperations mongo) {
        IndexOperations indexes = ensureWorkQueueIndexes(mongo, NAME);
        indexes.ensureIndex(new Index().on(ProjectedIncident.REQUESTER, Sort.Direction.ASC));
        // Serves the report time range of the CSV and XES exports when they select no state or group.
        indexes.ensureIndex(new Index().on(ProjectedIncident.REPORTED_AT, Sort.Direction.ASC));
    }

    /**
     * Creates the indexes of the work queue filters on a collection of summaries: the state, the assigned group and
     * the owner group each with the state, and the assignee. Returns the collection's index operations.
     */
    static IndexOperations ensureWorkQueueIndexes(MongoOperations mongo, String collection) {
        IndexOperations indexes = mongo.indexOps(collection);
        indexes.ensureIndex(new Index().on(ProjectedIncident.STATE, Sort.Direction.ASC));
        indexes.ensureIndex(new Index().on(ProjectedIncident.ASSIGNED_GROUP, Sort.Direction.ASC)
                .on(ProjectedIncident.STATE, Sort.Direction.ASC));
        indexes.ensureIndex(new Index().on(ProjectedIncident.OWNER_GROUP, Sort.Direction.ASC)
                .on(ProjectedIncident.STATE, Sort.Direction.ASC));
        indexes.ensureIndex(new Index().on(ProjectedIncident.ASSIGNEE, Sort.Direction.ASC));
        return indexes;
    }
}
