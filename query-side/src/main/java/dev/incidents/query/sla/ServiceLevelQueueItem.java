package dev.incidents.query.sla;

import java.time.Instant;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ServiceLevelClockKind;

/**
 * One running clock in a live queue.
 *
 * @param since         instant the clock reached its warning threshold (at risk) or its target (breached)
 * @param dueAt         instant the clock reaches or reached its target
 * @param targetMinutes business time allowed, in minutes
 */
record ServiceLevelQueueItem(String incidentId, ServiceLevelClockKind clock, String group, AlertLevel level,
                             Priority priority, IncidentState state, Instant since, Instant dueAt,
                             Double targetMinutes, String policyId, Integer policyVersion) {
}
