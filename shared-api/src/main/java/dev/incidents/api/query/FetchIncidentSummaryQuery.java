package dev.incidents.api.query;

import java.util.Objects;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.IncidentId;

/**
 * Fetches the current summary of one incident as the caller may see it; the result is an optional
 * {@link IncidentSummary}, empty when no incident has the id. A caller who may not read the incident gets a
 * {@link dev.incidents.api.error.QueryRejection} in the details of the query's exception.
 */
public record FetchIncidentSummaryQuery(IncidentId incidentId, Caller caller) {

    public FetchIncidentSummaryQuery {
        Objects.requireNonNull(incidentId, "incident id is missing");
        Objects.requireNonNull(caller, "caller is missing");
    }
}
