package dev.incidents.api.incident;

/**
 * The state of an incident right after a command, returned by every command handler so that callers such as the
 * importer can follow the lifecycle without reading the query side.
 */
public record IncidentStatus(
        IncidentId incidentId,
        IncidentState state,
        SupportGroupId ownerGroup,
        SupportGroupId assignedGroup,
        UserId assignee,
        int reassignmentCount,
        int reopenCount,
        boolean changed) {
}
