package dev.incidents.command.cli;

import java.util.List;
import java.util.Map;

/**
 * The part of an import's status that compares the imported reassignments and reopens with the counters the source
 * log keeps per incident. Absent for logs without such counters.
 *
 * @param incidents incidents compared, all of them reported by this import
 * @param importedReassignments reassignments the import recorded in the compared incidents
 * @param importedReopens reopens the import recorded in the compared incidents
 * @param reassignmentCountMismatches incidents whose reassignments differ from the source's count, by reason
 * @param firstMismatches the differing incidents with the lowest ids
 */
record SourceCounters(
        Long incidents,
        Long sourceReassignments,
        Long importedReassignments,
        Long reassignmentCountMatches,
        Map<String, Long> reassignmentCountMismatches,
        Long sourceReopens,
        Long importedReopens,
        Long reopenCountMatches,
        Map<String, Long> reopenCountMismatches,
        List<Mismatch> firstMismatches) {

    /** One incident whose imported counter differs from the source's, and why. */
    record Mismatch(String incidentId, String counter, Integer source, Integer imported, String reason) {
    }
}
