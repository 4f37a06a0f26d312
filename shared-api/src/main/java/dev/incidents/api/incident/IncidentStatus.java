package dev.incidents.api.incident;

/**
 * The state of an incident right after a command, returned by every command handler so that callers such as the
 * importer can follow the lifecycle without reading the query side.
 *
 * @param version sequence number of the incident's last event; send it back in {@code If-Match} to act only on
 *                this version
 * @param importPosition position of the last imported source record applied to the incident, or -1
 * @param changed false when the command recorded nothing: a repeat of an imported record, or a command that requests
 *                what the incident already has, such as the same classification or the same promise
 */
public record IncidentStatus(
        IncidentId incidentId,
        IncidentState state,
        SupportGroupId ownerGroup,
        SupportGroupId assignedGroup,
        UserId assignee,
        int reassignmentCount,
        int reopenCount,
        long version,
        long importPosition,
        boolean changed) {
}
