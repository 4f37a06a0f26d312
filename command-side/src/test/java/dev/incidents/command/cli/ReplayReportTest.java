package dev.incidents.command.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayReportTest {

    private static final ImportStatus COMPLETED = new ImportStatus(
            "imp-7", "bpic2013", ImportStatus.COMPLETED, 20L, 20L, 14L,
            ordered("no change", 4L, "already imported", 1L),
            Map.of("invalid transition", 1L),
            3L, 500.0, 100.0, 0.0, 0.04, null, null);

    private static final Statistics STATISTICS = new Statistics(
            3L, ordered("CLOSED", 1L, "RESOLVED", 1L, "PENDING", 1L), 2L, 1L, 1L, 1L, 19L);

    @Test
    void assembleCombinesImportAndStatistics() {
        ReplayReport report = ReplayReport.assemble("/logs/own.xes", COMPLETED, STATISTICS, 12.345);

        assertThat(report.sourceRecords()).isEqualTo(20L);
        assertThat(report.appliedRecords()).isEqualTo(14L);
        assertThat(report.skippedRecords()).containsExactlyEntriesOf(ordered("no change", 4L, "already imported", 1L));
        assertThat(report.rejectedRecords()).containsExactlyEntriesOf(Map.of("invalid transition", 1L));
        assertThat(report.importedIncidents()).isEqualTo(3L);
        assertThat(report.incidents()).isEqualTo(3L);
        assertThat(report.byState()).containsExactlyEntriesOf(STATISTICS.byState());
        assertThat(report.reassignments()).isEqualTo(2L);
        assertThat(report.reassignedIncidents()).isEqualTo(1L);
        assertThat(report.reopens()).isEqualTo(1L);
        assertThat(report.reopenedIncidents()).isEqualTo(1L);
        assertThat(report.auditEntries()).isEqualTo(19L);
        assertThat(report.importSeconds()).isEqualTo(0.04);
        assertThat(report.elapsedSeconds()).isEqualTo(12.3);
    }

    @Test
    void assembleTurnsMissingMapsIntoEmptyOnes() {
        ImportStatus withoutMaps = new ImportStatus("imp-8", "bpic2013", ImportStatus.COMPLETED, 0L, 0L, 0L,
                null, null, 0L, null, null, null, null, null, null);
        Statistics withoutStates = new Statistics(0L, null, 0L, 0L, 0L, 0L, 0L);

        ReplayReport report = ReplayReport.assemble("empty.xes", withoutMaps, withoutStates, 1.0);

        assertThat(report.skippedRecords()).isEmpty();
        assertThat(report.rejectedRecords()).isEmpty();
        assertThat(report.byState()).isEmpty();
    }

    @Test
    void jsonHasEveryReportKeyInOrder() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ReplayReport report = ReplayReport.assemble("/logs/own.xes", COMPLETED, STATISTICS, 2.0);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(report));

        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("file", "format", "importId", "sourceRecords", "appliedRecords",
                "skippedRecords", "rejectedRecords", "importedIncidents", "incidents", "byState", "reassignments",
                "reassignedIncidents", "reopens", "reopenedIncidents", "auditEntries", "importSeconds",
                "elapsedSeconds");
        assertThat(json.path("skippedRecords").path("no change").asLong()).isEqualTo(4);
        assertThat(json.path("rejectedRecords").path("invalid transition").asLong()).isEqualTo(1);
        assertThat(json.path("byState").path("CLOSED").asLong()).isEqualTo(1);
        assertThat(json.path("elapsedSeconds").asDouble()).isEqualTo(2.0);
    }

    @Test
    void summaryListsEveryFigure() {
        ReplayReport report = ReplayReport.assemble("/logs/own.xes", COMPLETED, STATISTICS, 2.06);

        assertThat(report.summaryLines()).containsExactly(
                "Replay of /logs/own.xes completed (import imp-7, format bpic2013).",
                "  source records          20",
                "  applied                 14",
                "  skipped                  5  (no change: 4; already imported: 1)",
                "  rejected                 1  (invalid transition: 1)",
                "  reported                 3  incidents",
                "  in the store, with earlier imports and live work:",
                "    incidents              3",
                "    by state      CLOSED 1, RESOLVED 1, PENDING 1",
                "    reassignments          2 in 1 incidents",
                "    reopens                1 in 1 incidents",
                "    audit entries         19",
                "  elapsed              2.1 s  (import 0.0 s)");
    }

    @Test
    void summaryOrdersReasonsByCountThenName() {
        ImportStatus status = new ImportStatus("imp-9", "bpic2013", ImportStatus.COMPLETED, 9L, 9L, 0L,
                ordered("b", 2L, "a", 2L, "c", 5L), Map.of(), 0L, null, null, null, null, null, null);

        ReplayReport report = ReplayReport.assemble("f", status, STATISTICS, 1.0);

        assertThat(report.summaryLines().get(3)).isEqualTo("  skipped                  9  (c: 5; a: 2; b: 2)");
    }

    @Test
    void reasonEndingInNumberStaysApartFromCount() {
        ImportStatus status = new ImportStatus("imp-10", "servicenow", ImportStatus.COMPLETED, 9L, 9L, 8L, Map.of(),
                Map.of("the row has 34 fields where the header row has 36", 1L), 0L, null, null, null, null, null,
                null);

        ReplayReport report = ReplayReport.assemble("f", status, STATISTICS, 1.0);

        assertThat(report.summaryLines().get(4)).isEqualTo(
                "  rejected                 1  (the row has 34 fields where the header row has 36: 1)");
    }

    @Test
    void summaryShowsDashForMissingFigures() {
        Statistics partial = new Statistics(null, Map.of(), null, null, null, null, null);

        ReplayReport report = ReplayReport.assemble("f", COMPLETED, partial, 1.0);

        assertThat(report.summaryLines()).contains(
                "  reported                 3  incidents",
                "    incidents              -",
                "    by state      -",
                "    reassignments          - in - incidents");
    }

    @Test
    void comparisonWithSourceCountersIsReported() throws Exception {
        SourceCounters counters = new SourceCounters(3L, 4L, 3L, 2L,
                Map.of("source counts 1 more than visible group changes", 1L), 1L, 1L, 3L, Map.of(),
                List.of(new SourceCounters.Mismatch("INC2", "reassignment_count", 2, 1,
                        "source counts 1 more than visible group changes")));
        ImportStatus status = new ImportStatus("imp-5", "servicenow", ImportStatus.COMPLETED, 20L, 20L, 14L,
                Map.of(), Map.of(), 3L, null, null, null, 0.04, counters, null);
        ObjectMapper mapper = new ObjectMapper();

        ReplayReport report = ReplayReport.assemble("/logs/own.csv", status, STATISTICS, 2.06);
        JsonNode json = mapper.readTree(mapper.writeValueAsString(report));

        assertThat(json.path("comparedIncidents").asLong()).isEqualTo(3);
        assertThat(json.path("sourceReassignments").asLong()).isEqualTo(4);
        assertThat(json.path("importedReassignments").asLong()).isEqualTo(3);
        assertThat(json.path("reassignmentCountMatches").asLong()).isEqualTo(2);
        assertThat(json.path("reassignmentCountMismatches").path("source counts 1 more than visible group changes")
                .asLong()).isEqualTo(1);
        assertThat(json.path("sourceReopens").asLong()).isEqualTo(1);
        assertThat(json.path("importedReopens").asLong()).isEqualTo(1);
        assertThat(json.path("reopenCountMatches").asLong()).isEqualTo(3);
        assertThat(json.path("firstCountMismatches").get(0).path("incidentId").asText()).isEqualTo("INC2");
        assertThat(report.summaryLines()).containsSubsequence(
                "  reported                 3  incidents",
                "  compared with the source's counters in 3 incidents:",
                "    reassignments          3 imported, source count 4; equal in 2 of 3 incidents",
                "      different            1  (source counts 1 more than visible group changes: 1)",
                "    reopens                1 imported, source count 1; equal in 3 of 3 incidents",
                "  in the store, with earlier imports and live work:",
                "    reassignments          2 in 1 incidents",
                "    audit entries         19",
                "  first incidents whose counts differ from the source's:",
                "    INC2 reassignment_count source 2, imported 1: source counts 1 more than visible group changes");
    }

    @Test
    void comparisonCountsOnlyThisImportWhenStoreHoldsMore() {
        // The store contains 40 reassignments of live work and earlier imports, and this import recorded 3 of them.
        SourceCounters counters = new SourceCounters(3L, 4L, 3L, 2L, Map.of(), 1L, 1L, 3L, Map.of(), List.of());
        ImportStatus status = new ImportStatus("imp-6", "servicenow", ImportStatus.COMPLETED, 20L, 20L, 14L,
                Map.of(), Map.of(), 3L, null, null, null, 0.04, counters, null);
        Statistics store = new Statistics(13L, ordered("CLOSED", 13L), 40L, 11L, 7L, 5L, 90L);

        List<String> lines = ReplayReport.assemble("/logs/own.csv", status, store, 1.0).summaryLines();

        assertThat(lines).contains("    reassignments          3 imported, source count 4; equal in 2 of 3 incidents");
        assertThat(lines).containsSubsequence("  in the store, with earlier imports and live work:",
                "    incidents             13", "    reassignments         40 in 11 incidents");
        int storeHeading = lines.indexOf("  in the store, with earlier imports and live work:");
        assertThat(lines.subList(0, storeHeading)).noneMatch(line -> line.contains("40") || line.contains("13"));
    }

    @Test
    void reportWithoutSourceCountersLeavesComparisonOut() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ReplayReport report = ReplayReport.assemble("/logs/own.xes", COMPLETED, STATISTICS, 2.0);

        JsonNode json = mapper.readTree(mapper.writeValueAsString(report));

        assertThat(json.has("reopenCountMatches")).isFalse();
        assertThat(json.has("firstCountMismatches")).isFalse();
        assertThat(report.summaryLines()).noneMatch(line -> line.contains("source count"));
    }

    private static Map<String, Long> ordered(Object... keysAndValues) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Long) keysAndValues[i + 1]);
        }
        return map;
    }
}
