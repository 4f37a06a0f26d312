package dev.incidents.api.query;

import java.util.List;

/**
 * The audit trail of one incident, the result of {@link FetchIncidentHistoryQuery}. Query responses travel through Axon
 * Server as their runtime class, and a bare list would arrive with its records read back as maps, so lists are
 * wrapped in a record that names the element type.
 *
 * @param entries one entry per event in sequence order; empty when the incident has no trail yet
 */
public record IncidentHistory(List<AuditEntry> entries) {

    public IncidentHistory {
        entries = List.copyOf(entries);
    }
}
