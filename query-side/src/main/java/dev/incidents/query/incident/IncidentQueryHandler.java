package dev.incidents.query.incident;

import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import dev.incidents.api.query.FetchIncidentSummaryQuery;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.query.access.IncidentAccess;
import dev.incidents.query.access.Rejections;
import dev.incidents.query.access.Visibility;

/** Handles queries for single incidents by reading {@code incident_summaries}, as the caller may see them. */
@Component
class IncidentQueryHandler {

    private final MongoOperations mongo;

    IncidentQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Returns the summary, or an empty result when no incident has the id and the caller may learn that. A caller
     * who is only a requester gets the same rejection for an unknown id as for an incident of someone else.
     */
    @QueryHandler
    Optional<IncidentSummary> handle(FetchIncidentSummaryQuery query) {
        Visibility visibility = Visibility.of(query.caller());
        String incidentId = query.incidentId().value();
        ProjectedIncident incident = mongo.findById(incidentId, ProjectedIncident.class,
                IncidentSummaryCollection.NAME);

        if (incident == null) {
            if (visibility.mayLearnExistence()) {
                return Optional.empty();
            }
            throw Rejections.rejectIncident(visibility, incidentId);
        }

        IncidentAccess access = visibility.accessTo(incident);
        return switch (access) {
            case NONE -> throw Rejections.rejectIncident(visibility, incidentId);
            case CUSTOMER -> Optional.of(incident.toCustomerSummary());
            case STAFF -> Optional.of(incident.toSummary());
        };
    }
}
