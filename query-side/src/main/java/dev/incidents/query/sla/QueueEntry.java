package dev.incidents.query.sla;

import java.time.Instant;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ServiceLevelClockKind;

/**
 * Membership of one running clock of an incident in a live queue.
 *
 * @param group        support group whose queue shows the entry: the stint's group for
 *                     {@link ServiceLevelClockKind#SUPPORT_GROUP_RESPONSE}, else the incident's assigned group
 *                     (its owner group before any assignment)
 * @param since        instant the entry joined its queue: the warning or breach instant, or the event at which
 *                     a resumed or reopened clock joined again
 * @param priority     priority whose target the clock warned or breached against, for a response or resolution
 *                     clock; see {@link AlertTerms}
 * @param dueAt        instant the clock reaches or reached that target
 * @param targetMillis business time allowed under that priority
 */
public record QueueEntry(ServiceLevelClockKind clock, String group, AlertLevel level, Priority priority,
                         Instant since, Instant dueAt, Long targetMillis) {
}
