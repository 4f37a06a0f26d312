package dev.incidents.command.incident;

/**
 * Payload of the auto-close deadline of a RESOLVED incident.
 *
 * @param resolutionVersion version of the incident at its resolution; a deadline of an earlier resolution is stale
 */
record AutoCloseDue(long resolutionVersion) {

    static final String DEADLINE = "auto-close";
}
