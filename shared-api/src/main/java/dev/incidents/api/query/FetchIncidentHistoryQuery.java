package dev.incidents.api.query;

import java.util.Objects;

import dev.incidents.api.incident.IncidentId;

/** Fetches the audit trail of one incident as a list of {@link AuditEntry}, in sequence order. */
public record FetchIncidentHistoryQuery(IncidentId incidentId) {

    public FetchIncidentHistoryQuery {
        Objects.requireNonNull(incidentId, "incident id is missing");
    }
}
