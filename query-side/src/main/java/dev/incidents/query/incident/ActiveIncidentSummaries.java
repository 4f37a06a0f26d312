package dev.incidents.query.incident;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.query.projection.BatchWriter;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code active_incident_summaries} collection: a copy of the summary of every incident that is neither closed
 * nor cancelled, which the work queues read. After years of imported history nearly every incident is closed, and the
 * embedded MongoDB server serves a queue filter by reading every document of the collection, so the queues read
 * this much smaller one. The {@code incident-summary} processor writes it after the summaries of each batch.
 */
public final class ActiveIncidentSummaries implements BatchWriter {

    public static final String NAME = "active_incident_summaries";

    private final MongoOperations mongo;
    /** The summaries of the batch as it left them, by incident id, in order of their first change. */
    private final Map<String, ProjectedIncident> changed = new LinkedHashMap<>();

    ActiveIncidentSummaries(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Returns true for the incidents the collection contains. */
    public static boolean isActive(IncidentState state) {
        return state != IncidentState.CLOSED && state != IncidentState.CANCELLED;
    }

    /** Notes the summary of an incident as the batch left it. */
    void changed(String incidentId, ProjectedIncident incident) {
        changed.put(incidentId, incident);
    }

    /**
     * Copies the summary of each active incident of the batch and removes the others. Writing the same batch again
     * leaves the same documents.
     */
    @Override
    public void write() {
        if (changed.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ProjectedIncident.class, NAME);
        for (Map.Entry<String, ProjectedIncident> incident : changed.entrySet()) {
            Query byId = Query.query(Criteria.where("_id").is(incident.getKey()));
            if (isActive(incident.getValue().state())) {
                bulk.replaceOne(byId, incident.getValue(), FindAndReplaceOptions.options().upsert());
            } else {
                bulk.remove(byId);
            }
        }
        bulk.execute();
        changed.clear();
    }

    /**
     * Creates the collection with the work queue indexes. The first time, when a version without it projected the
     * summaries, it copies the active ones from {@code incident_summaries}. Returns the documents copied.
     */
    static long create(MongoOperations mongo) {
        // Creating the indexes creates the collection, so later starts skip the copy and its scan of every summary.
        boolean missing = !mongo.collectionExists(NAME);
        IncidentSummaryCollection.ensureWorkQueueIndexes(mongo, NAME);
        return missing ? copyActive(mongo) : 0;
    }

    /** Copies the summaries of the active incidents from {@code incident_summaries}. Returns the documents copied. */
    static long copyActive(MongoOperations mongo) {
        Query active = Query.query(Criteria.where(ProjectedIncident.STATE)
                .nin(IncidentState.CLOSED, IncidentState.CANCELLED));
        long copied = 0;
        BulkOperations bulk = null;
        for (ProjectedIncident incident : mongo.find(active, ProjectedIncident.class, IncidentSummaryCollection.NAME)) {
            if (bulk == null) {
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ProjectedIncident.class, NAME);
            }
            bulk.replaceOne(Query.query(Criteria.where("_id").is(incident.incidentId())), incident,
                    FindAndReplaceOptions.options().upsert());
            copied++;
        }
        if (bulk != null) {
            bulk.execute();
        }
        return copied;
    }
}
