package dev.incidents.query.incident;

import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import dev.incidents.api.query.FetchIncidentSummaryQuery;
import dev.incidents.api.query.IncidentSummary;

/** Handles queries for single incidents by reading {@code incident_summaries}. */
@Component
class IncidentQueryHandler {

    private final MongoOperations mongo;

    IncidentQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    Optional<IncidentSummary> handle(FetchIncidentSummaryQuery query) {
        ProjectedIncident incident = mongo.findById(query.incidentId().value(), ProjectedIncident.class,
                IncidentSummaryCollection.NAME);
        return Optional.ofNullable(incident).map(ProjectedIncident::toSummary);
    }
}
