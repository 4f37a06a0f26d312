package dev.incidents.query.sla;

import java.time.Instant;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ServiceLevelClockKind;

/**
 * One running clock in a service level queue, live or as of an instant.
 *
 * @param since         instant the entry joined the queue: the warning or breach instant, or the event at which a
 *                      resumed or reopened clock joined again
 * @param priority      priority whose target the clock warned or breached against
 * @param dueAt         instant the clock reaches or reached that target
 * @param targetMinutes business time allowed under that priority, in minutes
 */
record ServiceLevelQueueItem(String incidentId, ServiceLevelClockKind clock, String group, AlertLevel level,
                             Priority priority, IncidentState state, Instant since, Instant dueAt,
                             Double targetMinutes, String policyId, Integer policyVersion) {
}
