package dev.incidents.command.incident;

import java.time.Instant;

/**
 * Payload of the auto-close deadline of a RESOLVED incident.
 *
 * @param resolutionVersion version of the incident at its resolution; a deadline of an earlier resolution is stale
 * @param dueAt business time at which the incident is to be closed, recorded as the closure's time
 */
record AutoCloseDue(long resolutionVersion, Instant dueAt) {

    static final String DEADLINE = "auto-close";
}
