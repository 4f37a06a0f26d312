package dev.incidents.query.incident;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.query.projection.BatchWriter;

/**
 * The projected incidents of one collection that a processor batch reads and changes. One query loads the stored
 * incidents of the whole batch, the changes stay in memory, and one unordered bulk write replaces the changed ones.
 * Each incident thus costs at most one read and one write per batch.
 */
public final class ProjectedIncidentBatch implements BatchWriter {

    private final MongoOperations mongo;
    private final String collection;
    /** Incidents as this batch left them, keyed by id; a null value means that the incident is not stored. */
    private final Map<String, ProjectedIncident> incidents;
    private final Set<String> changed = new LinkedHashSet<>();

    private ProjectedIncidentBatch(MongoOperations mongo, String collection, Map<String, ProjectedIncident> incidents) {
        this.mongo = mongo;
        this.collection = collection;
        this.incidents = incidents;
    }

    /** Loads the stored incidents of {@code collection} that the incident events among {@code messages} refer to. */
    public static ProjectedIncidentBatch load(MongoOperations mongo, String collection,
                                              List<EventMessage<?>> messages) {
        Set<String> ids = incidentIdsOf(messages);
        Map<String, ProjectedIncident> incidents = new HashMap<>();
        ids.forEach(id -> incidents.put(id, null));
        if (!ids.isEmpty()) {
            Query byIds = Query.query(Criteria.where("_id").in(ids));
            for (ProjectedIncident incident : mongo.find(byIds, ProjectedIncident.class, collection)) {
                incidents.put(incident.incidentId(), incident);
            }
        }
        return new ProjectedIncidentBatch(mongo, collection, incidents);
    }

    private static Set<String> incidentIdsOf(List<EventMessage<?>> messages) {
        Set<String> ids = new LinkedHashSet<>();
        for (EventMessage<?> message : messages) {
            if (message.getPayload() instanceof IncidentEvent event) {
                ids.add(event.incidentId().value());
            }
        }
        return ids;
    }

    /**
     * Returns the incident as this batch left it: as stored, or as changed and added by {@link #changed}. Returns
     * null when it is neither stored nor added. An incident that {@link #load} did not cover is read on first use.
     */
    public ProjectedIncident find(String incidentId) {
        if (!incidents.containsKey(incidentId)) {
            incidents.put(incidentId, mongo.findById(incidentId, ProjectedIncident.class, collection));
        }
        return incidents.get(incidentId);
    }

    /** Marks the incident for writing at the end of the batch; a new incident becomes visible to {@link #find}. */
    public void changed(ProjectedIncident incident) {
        incidents.put(incident.incidentId(), incident);
        changed.add(incident.incidentId());
    }

    /**
     * Replaces every changed incident in the collection, inserting those not stored yet. Each document is replaced
     * as a whole, so writing a redelivered batch again gives the same documents.
     */
    @Override
    public void write() {
        if (changed.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ProjectedIncident.class, collection);
        for (String incidentId : changed) {
            bulk.replaceOne(Query.query(Criteria.where("_id").is(incidentId)), incidents.get(incidentId),
                    FindAndReplaceOptions.options().upsert());
        }
        bulk.execute();
        changed.clear();
    }
}
