package dev.incidents.query.sla;

import java.time.Instant;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ServiceLevelClockKind;

/**
 * The terms a response or resolution clock warned or breached against, noted by the projection when the clock's
 * reading first showed the warning or breach instant. A later priority change keeps the instant in the reading but
 * changes its priority and target, so a queue entry shows these terms instead.
 *
 * @param reachedAt    the warning instant (at risk) or breach instant (breached) of the reading
 * @param dueAt        instant the clock was due under {@code priority}: the breach instant once breached
 * @param targetMillis business time allowed under {@code priority}
 */
public record AlertTerms(ServiceLevelClockKind clock, AlertLevel level, Instant reachedAt, Priority priority,
                  Long targetMillis, Instant dueAt) {
}
