package dev.incidents.command.cli;

import java.util.Map;

/** Body of {@code GET /api/statistics} on the query side. */
record Statistics(
        Long incidents,
        Map<String, Long> byState,
        Long reassignments,
        Long reassignedIncidents,
        Long reopens,
        Long reopenedIncidents,
        Long auditEntries) {
}
