package dev.incidents.api.query;

import java.util.Objects;

import dev.incidents.api.incident.IncidentId;

/** Fetches the current summary of one incident; the result is an optional {@link IncidentSummary}. */
public record FetchIncidentSummaryQuery(IncidentId incidentId) {

    public FetchIncidentSummaryQuery {
        Objects.requireNonNull(incidentId, "incident id is missing");
    }
}
