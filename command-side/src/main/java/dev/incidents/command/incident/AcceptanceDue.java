package dev.incidents.command.incident;

import java.time.Instant;

/**
 * Payload of the deadline that escalates an assignment nobody accepted in time.
 *
 * @param assignmentVersion version of the incident at the assignment; a deadline of an earlier assignment is stale
 * @param limit the configured time limit as an ISO-8601 duration, for the escalation reason
 * @param dueAt business time at which the assignment is overdue, recorded as the escalation's time
 */
record AcceptanceDue(long assignmentVersion, String limit, Instant dueAt) {

    static final String DEADLINE = "escalate-unaccepted";
}
