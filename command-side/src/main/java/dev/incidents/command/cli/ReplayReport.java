package dev.incidents.command.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.incidents.command.cli.ProgressFormatter.count;

/**
 * Outcome of one replay: the import's record counts from the command side and the read-model figures from the
 * query side once it has caught up. Written as the report JSON. The read-model figures ({@code incidents},
 * {@code byState}, {@code reassignments}, {@code reassignedIncidents}, {@code reopens}, {@code reopenedIncidents},
 * {@code auditEntries}) count the whole store, with earlier imports and live work; the comparison with the source's
 * counters counts only the incidents of this import.
 *
 * @param sourceRecords records read from the file
 * @param skippedRecords records that led to no command, by reason
 * @param rejectedRecords records whose command failed, by reason
 * @param importedIncidents incidents reported by this import
 * @param incidents incidents in the read model, including those of earlier imports and live work
 * @param importSeconds the import's own run time as the command side measured it
 * @param elapsedSeconds time from the start of the upload until the query side had caught up
 * @param comparedIncidents incidents whose counters were compared with the source's own; this and the other
 *                          comparison figures are left out for logs without counters
 * @param sourceReassignments the sum of the source's reassignment counts over the compared incidents
 * @param importedReassignments the reassignments this import recorded in the compared incidents
 * @param reassignmentCountMatches compared incidents whose imported reassignments equal the source's count
 * @param reassignmentCountMismatches the other compared incidents, by reason
 * @param importedReopens the reopens this import recorded in the compared incidents
 * @param firstCountMismatches the differing incidents with the lowest ids, with their figures and reason
 */
@JsonPropertyOrder({
        "file", "format", "importId", "sourceRecords", "appliedRecords", "skippedRecords", "rejectedRecords",
        "importedIncidents", "incidents", "byState", "reassignments", "reassignedIncidents", "reopens",
        "reopenedIncidents", "comparedIncidents", "sourceReassignments", "importedReassignments",
        "reassignmentCountMatches", "reassignmentCountMismatches", "sourceReopens", "importedReopens",
        "reopenCountMatches", "reopenCountMismatches",
        "firstCountMismatches", "auditEntries", "importSeconds", "elapsedSeconds"})
record ReplayReport(
        String file,
        String format,
        String importId,
        Long sourceRecords,
        Long appliedRecords,
        Map<String, Long> skippedRecords,
        Map<String, Long> rejectedRecords,
        Long importedIncidents,
        Long incidents,
        Map<String, Long> byState,
        Long reassignments,
        Long reassignedIncidents,
        Long reopens,
        Long reopenedIncidents,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long comparedIncidents,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long sourceReassignments,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long importedReassignments,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long reassignmentCountMatches,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> reassignmentCountMismatches,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long sourceReopens,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long importedReopens,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long reopenCountMatches,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> reopenCountMismatches,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<SourceCounters.Mismatch> firstCountMismatches,
        Long auditEntries,
        Double importSeconds,
        double elapsedSeconds) {

    private static final String LABEL_FORMAT = "  %-15s %10s";
    /** A line under a heading, with its figure in the same column as those of {@link #LABEL_FORMAT}. */
    private static final String INDENTED_FORMAT = "    %-13s %10s";

    /** Combines a completed import's status with the query side's statistics taken after it caught up. */
    static ReplayReport assemble(String file, ImportStatus completed, Statistics statistics, double elapsedSeconds) {
        SourceCounters counters = completed.sourceCounters();
        boolean compared = counters != null;
        return new ReplayReport(
                file,
                completed.format(),
                completed.importId(),
                completed.sourceRecords(),
                completed.appliedRecords(),
                orEmpty(completed.skippedRecords()),
                orEmpty(completed.rejectedRecords()),
                completed.incidents(),
                statistics.incidents(),
                orEmpty(statistics.byState()),
                statistics.reassignments(),
                statistics.reassignedIncidents(),
                statistics.reopens(),
                statistics.reopenedIncidents(),
                compared ? counters.incidents() : null,
                compared ? counters.sourceReassignments() : null,
                compared ? counters.importedReassignments() : null,
                compared ? counters.reassignmentCountMatches() : null,
                compared ? orEmpty(counters.reassignmentCountMismatches()) : null,
                compared ? counters.sourceReopens() : null,
                compared ? counters.importedReopens() : null,
                compared ? counters.reopenCountMatches() : null,
                compared ? orEmpty(counters.reopenCountMismatches()) : null,
                compared && counters.firstMismatches() != null ? List.copyOf(counters.firstMismatches())
                        : compared ? List.of() : null,
                statistics.auditEntries(),
                completed.elapsedSeconds(),
                Math.round(elapsedSeconds * 10) / 10.0);
    }

    /**
     * Returns the summary printed at the end of a replay, one figure per line: first the import's own figures and
     * its comparison with the source's counters, then the totals of the store under their own heading.
     */
    List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Replay of " + file + " completed (import " + importId + ", format " + format + ").");
        lines.add(String.format(Locale.ROOT, LABEL_FORMAT, "source records", count(sourceRecords)));
        lines.add(String.format(Locale.ROOT, LABEL_FORMAT, "applied", count(appliedRecords)));
        lines.add(String.format(Locale.ROOT, LABEL_FORMAT, "skipped", count(total(skippedRecords)))
                + byReason(skippedRecords));
        lines.add(String.format(Locale.ROOT, LABEL_FORMAT, "rejected", count(total(rejectedRecords)))
                + byReason(rejectedRecords));
        lines.add(String.format(Locale.ROOT, LABEL_FORMAT, "reported", count(importedIncidents))
                + "  incidents");
        if (comparedIncidents != null) {
            lines.add("  compared with the source's counters in " + count(comparedIncidents) + " incidents:");
            lines.addAll(comparison("reassignments", importedReassignments, sourceReassignments,
                    reassignmentCountMatches, reassignmentCountMismatches));
            lines.addAll(comparison("reopens", importedReopens, sourceReopens, reopenCountMatches,
                    reopenCountMismatches));
        }
        lines.add("  in the store, with earlier imports and live work:");
        lines.add(String.format(Locale.ROOT, INDENTED_FORMAT, "incidents", count(incidents)));
        lines.add(String.format(Locale.ROOT, "    %-13s %s", "by state", states(byState)));
        lines.add(String.format(Locale.ROOT, INDENTED_FORMAT, "reassignments", count(reassignments))
                + " in " + count(reassignedIncidents) + " incidents");
        lines.add(String.format(Locale.ROOT, INDENTED_FORMAT, "reopens", count(reopens))
                + " in " + count(reopenedIncidents) + " incidents");
        lines.add(String.format(Locale.ROOT, INDENTED_FORMAT, "audit entries", count(auditEntries)));
        lines.add(String.format(Locale.ROOT, LABEL_FORMAT, "elapsed", String.format(Locale.ROOT, "%.1f s", elapsedSeconds))
                + (importSeconds == null ? "" : String.format(Locale.ROOT, "  (import %.1f s)", importSeconds)));
        if (firstCountMismatches != null && !firstCountMismatches.isEmpty()) {
            lines.add("  first incidents whose counts differ from the source's:");
            firstCountMismatches.forEach(mismatch -> lines.add("    " + mismatch.incidentId() + " "
                    + mismatch.counter() + " source " + mismatch.source() + ", imported " + mismatch.imported()
                    + ": " + mismatch.reason()));
        }
        return lines;
    }

    /**
     * Returns the lines that compare one counter of the import with the source's: the import's total, the source's,
     * the matching incidents and the others by reason.
     */
    private List<String> comparison(String counter, Long imported, Long sourceTotal, Long matches,
                                    Map<String, Long> mismatches) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, INDENTED_FORMAT, counter, count(imported)) + " imported, source count "
                + count(sourceTotal) + "; equal in " + count(matches) + " of " + count(comparedIncidents)
                + " incidents");
        if (!mismatches.isEmpty()) {
            lines.add(String.format(Locale.ROOT, INDENTED_FORMAT, "  different", count(total(mismatches)))
                    + byReason(mismatches));
        }
        return lines;
    }

    private static Map<String, Long> orEmpty(Map<String, Long> counts) {
        return counts == null ? Map.of() : new LinkedHashMap<>(counts);
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(count -> count == null ? 0 : count).sum();
    }

    /**
     * Lists reasons with their counts, largest first, for example {@code  (already imported: 7; no change: 3)}. The
     * colon keeps a count apart from a reason that ends in a number of its own.
     */
    private static String byReason(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> entry.getKey() + ": " + count(entry.getValue()))
                .collect(Collectors.joining("; ", "  (", ")"));
    }

    /** Lists states with their counts in the order the query side sent them. */
    private static String states(Map<String, Long> byState) {
        if (byState.isEmpty()) {
            return "-";
        }
        return byState.entrySet().stream()
                .map(entry -> entry.getKey() + " " + count(entry.getValue()))
                .collect(Collectors.joining(", "));
    }
}
