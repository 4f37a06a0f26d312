package dev.incidents.query.testing;

import dev.incidents.query.incident.ActiveIncidentSummaries;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.HashMap;
import java.util.Map;

import org.springframework.data.mongodb.core.MongoOperations;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Writes incident summaries straight into {@code incident_summaries}, and the active ones into
 * {@code active_incident_summaries}, for tests of the queries that read them, applying events through the same rules
 * as the summary projection.
 */
public final class ProjectedIncidents {

    private static final String COLLECTION = "incident_summaries";

    private final MongoOperations mongo;
    private final Map<String, ProjectedIncident> incidents = new HashMap<>();

    public ProjectedIncidents(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Applies the events in order and saves each changed incident. */
    public void apply(IncidentEvent... events) {
        for (IncidentEvent event : events) {
            ProjectedIncident incident = incidents.computeIfAbsent(event.incidentId().value(),
                    id -> ProjectedIncident.unreported(event.incidentId()));
            incident.apply(event, incident.lastSequence() + 1);
            mongo.save(incident, COLLECTION);
            if (ActiveIncidentSummaries.isActive(incident.state())) {
                mongo.save(incident, ActiveIncidentSummaries.NAME);
            } else {
                mongo.remove(Query.query(Criteria.where("_id").is(incident.incidentId())),
                        ActiveIncidentSummaries.NAME);
            }
        }
    }
}
