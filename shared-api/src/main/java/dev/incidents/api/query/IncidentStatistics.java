package dev.incidents.api.query;

import java.util.Map;

import dev.incidents.api.incident.IncidentState;

/**
 * Figures over all incidents in the read models.
 *
 * @param byState number of incidents in each state, with every state present
 * @param reassignments sum of the reassignment counts of all incidents
 * @param reassignedIncidents number of incidents reassigned at least once
 * @param reopens sum of the reopen counts of all incidents
 * @param reopenedIncidents number of incidents reopened at least once
 * @param auditEntries number of entries in the audit trail, one per event
 */
public record IncidentStatistics(
        long incidents,
        Map<IncidentState, Long> byState,
        long reassignments,
        long reassignedIncidents,
        long reopens,
        long reopenedIncidents,
        long auditEntries) {
}
