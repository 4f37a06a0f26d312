package dev.incidents.api.query;

import java.util.Objects;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.IncidentId;

/**
 * Fetches the audit trail of one incident as a list of {@link AuditEntry}, in sequence order, as the caller may see
 * it. A caller who may not read the incident gets a {@link dev.incidents.api.error.QueryRejection} in the details of
 * the query's exception.
 */
public record FetchIncidentHistoryQuery(IncidentId incidentId, Caller caller) {

    public FetchIncidentHistoryQuery {
        Objects.requireNonNull(incidentId, "incident id is missing");
        Objects.requireNonNull(caller, "caller is missing");
    }
}
