package dev.incidents.command.importer;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.LifecyclePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Imports the development slice of the incident event log of a ServiceNow instance (Amaral, Fantinato, Peres,
 * UCI Machine Learning Repository, 2018, DOI 10.24432/C57S4H, CC BY 4.0) through a real aggregate and an
 * in-memory event store. The expected figures come from the data set's description; the test also counts them
 * from the file with a reader of its own, and checks every difference from the source's counters against the
 * rows. The file is not part of the repository: the test reads the one named by {@value #FILE_VARIABLE}, or else
 * {@code shared/}{@value #LOG_PATH} beside the repository, and is skipped when it is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceNowDevelopmentSliceTest {

    private static final String FILE_VARIABLE = "INCIDENTS_SERVICENOW_FILE";
    private static final String LOG_PATH = "datasets/uci-incident-event-log/incident_event_log_dev.csv.gz";

    private static final long EXPECTED_ROWS = 35_082;
    private static final long EXPECTED_INCIDENTS = 5_000;
    private static final long EXPECTED_SOURCE_REOPENS = 99;
    private static final long EXPECTED_REOPENED_INCIDENTS = 78;
    private static final long EXPECTED_SOURCE_REASSIGNMENTS = 6_807;

    private final Map<String, IncidentStatus> finalStatus = new ConcurrentHashMap<>();
    private InMemoryIncidents incidents;
    private ImportTally tally;
    private SourceCounterReport counters;
    private Map<String, List<String[]>> rowsByIncident;
    private Map<String, Integer> columns;

    @BeforeAll
    void importSlice() throws IOException {
        Path log = logFile();
        assumeTrue(Files.isRegularFile(log), "ServiceNow development slice not found at " + log);
        readOwnFigures(log);

        incidents = new InMemoryIncidents();
        tally = new ImportTally();
        ServiceNowIncidentImporter importer = new ServiceNowIncidentImporter(new LifecyclePolicy(true, true));
        long started = System.nanoTime();
        new ServiceNowCsvReader(ZoneOffset.UTC).readIncidents(log, incident -> importer.importIncident(incident,
                (command, position) -> {
                    IncidentStatus status = incidents.send(command, position);
                    finalStatus.put(status.incidentId().value(), status);
                    return status;
                }, tally));
        counters = tally.counters().report();
        System.out.printf("Imported %d rows in %.1f s: applied %d, skipped %s, rejected %s%n", tally.records(),
                (System.nanoTime() - started) / 1e9, tally.applied(), tally.skipped(), tally.rejected());
        System.out.println("Counter comparison: " + counters);
    }

    @AfterAll
    void stopAxon() {
        if (incidents != null) {
            incidents.close();
        }
    }

    @Test
    void everyRowIsCounted() {
        assertThat(rowsByIncident.values().stream().mapToLong(List::size).sum()).isEqualTo(EXPECTED_ROWS);
        assertThat(tally.records()).isEqualTo(EXPECTED_ROWS);
        assertThat(tally.rejected()).isEmpty();
        long skipped = tally.skipped().values().stream().mapToLong(Long::longValue).sum();
        assertThat(tally.applied() + skipped).isEqualTo(EXPECTED_ROWS);
    }

    @Test
    void everyIncidentEndsClosed() {
        assertThat(rowsByIncident).hasSize((int) EXPECTED_INCIDENTS);
        assertThat(tally.incidents()).isEqualTo(EXPECTED_INCIDENTS);
        assertThat(finalStatus).hasSize((int) EXPECTED_INCIDENTS);
        assertThat(finalStatus.values()).allSatisfy(status -> assertThat(status.state()).isEqualTo(IncidentState.CLOSED));
    }

    @Test
    void sourceCountersMatchDescription() {
        long reopens = 0;
        long reopened = 0;
        long reassignments = 0;
        for (List<String[]> rows : rowsByIncident.values()) {
            String[] last = rows.get(rows.size() - 1);
            reopens += count(last, "reopen_count");
            reopened += count(last, "reopen_count") > 0 ? 1 : 0;
            reassignments += count(last, "reassignment_count");
        }

        assertThat(reopens).isEqualTo(EXPECTED_SOURCE_REOPENS);
        assertThat(reopened).isEqualTo(EXPECTED_REOPENED_INCIDENTS);
        assertThat(reassignments).isEqualTo(EXPECTED_SOURCE_REASSIGNMENTS);
        assertThat(counters.incidents()).isEqualTo(EXPECTED_INCIDENTS);
        assertThat(counters.sourceReopens()).isEqualTo(EXPECTED_SOURCE_REOPENS);
        assertThat(counters.sourceReassignments()).isEqualTo(EXPECTED_SOURCE_REASSIGNMENTS);
    }

    @Test
    void everyReopenCountMatches() {
        assertThat(counters.reopenCountMatches()).isEqualTo(EXPECTED_INCIDENTS);
        assertThat(counters.reopenCountMismatches()).isEmpty();
        for (Map.Entry<String, List<String[]>> incident : rowsByIncident.entrySet()) {
            List<String[]> rows = incident.getValue();
            assertThat(finalStatus.get(incident.getKey()).reopenCount()).as(incident.getKey())
                    .isEqualTo(count(rows.get(rows.size() - 1), "reopen_count"));
        }
    }

    /**
     * The import records every visible group change of the rows in update order, and nothing else. Each incident
     * whose source count differs is explained by the rows: counts before the first row in order, or rises of the
     * source counter that no group change shows.
     */
    @Test
    void everyReassignmentDifferenceIsExplained() {
        long matches = 0;
        long countedBeforeFirstRow = 0;
        long hiddenRises = 0;
        long hiddenIncidents = 0;
        for (Map.Entry<String, List<String[]>> incident : rowsByIncident.entrySet()) {
            List<String[]> rows = inModCountOrder(incident.getValue());
            int visible = 0;
            for (int i = 1; i < rows.size(); i++) {
                visible += Objects.equals(value(rows.get(i - 1), "assignment_group"),
                        value(rows.get(i), "assignment_group")) ? 0 : 1;
            }
            int source = count(rows.get(rows.size() - 1), "reassignment_count");
            int before = count(rows.get(0), "reassignment_count");

            assertThat(finalStatus.get(incident.getKey()).reassignmentCount()).as(incident.getKey())
                    .isEqualTo(visible);
            assertThat(source - before - visible).as(incident.getKey()).isNotNegative();
            matches += source == visible ? 1 : 0;
            countedBeforeFirstRow += before > 0 ? 1 : 0;
            hiddenRises += source - before - visible;
            hiddenIncidents += source - before - visible > 0 ? 1 : 0;
        }

        Map<String, Long> reasons = counters.reassignmentCountMismatches();
        System.out.println("reassignment_count differences by reason: " + reasons);
        assertThat(counters.reassignmentCountMatches()).isEqualTo(matches);
        assertThat(reasons.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(EXPECTED_INCIDENTS - matches);
        assertThat(sumWhereReasonContains(reasons, "before the first imported row")).isEqualTo(countedBeforeFirstRow);
        assertThat(sumWhereReasonContains(reasons, "more than visible group changes")).isEqualTo(hiddenIncidents);
        assertThat(hiddenRisesInReasons(reasons)).isEqualTo(hiddenRises);
        assertThat(reasons.keySet()).noneMatch(reason -> reason.contains("the import recorded"));
    }

    @Test
    void listedMismatchesAgreeWithRows() {
        assertThat(counters.firstMismatches()).hasSize(SourceCounterTally.LISTED_MISMATCHES);
        for (CountMismatch mismatch : counters.firstMismatches()) {
            List<String[]> rows = rowsByIncident.get(mismatch.incidentId());
            assertThat(mismatch.source()).as(mismatch.incidentId())
                    .isEqualTo(count(rows.get(rows.size() - 1), mismatch.counter()));
            assertThat(mismatch.imported()).as(mismatch.incidentId())
                    .isEqualTo(finalStatus.get(mismatch.incidentId()).reassignmentCount());
        }
    }

    /** Drops leading rows whose sys_mod_count is not below every later row's, as this slice has five times. */
    private List<String[]> inModCountOrder(List<String[]> rows) {
        int start = 0;
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                if (count(rows.get(i), "sys_mod_count") >= count(rows.get(j), "sys_mod_count")) {
                    start = i + 1;
                }
            }
        }
        return rows.subList(start, rows.size());
    }

    private static long sumWhereReasonContains(Map<String, Long> reasons, String text) {
        return reasons.entrySet().stream()
                .filter(entry -> entry.getKey().contains(text))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Adds up N × incidents over the reasons "source counts N more than visible group changes". */
    private static long hiddenRisesInReasons(Map<String, Long> reasons) {
        long total = 0;
        for (Map.Entry<String, Long> entry : reasons.entrySet()) {
            for (String cause : entry.getKey().split("; ")) {
                if (cause.startsWith("source counts ") && cause.endsWith(" more than visible group changes")) {
                    String number = cause.substring("source counts ".length(), cause.indexOf(" more than"));
                    total += Long.parseLong(number) * entry.getValue();
                }
            }
        }
        return total;
    }

    /** Reads the file with a plain line split: the slice has no quoted field, which the first check asserts. */
    private void readOwnFigures(Path log) throws IOException {
        rowsByIncident = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(log)), StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split(",", -1);
            columns = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i], i);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                assertThat(line).doesNotContain("\"");
                String[] fields = line.split(",", -1);
                assertThat(fields).hasSameSizeAs(header);
                rowsByIncident.computeIfAbsent(fields[0], number -> new ArrayList<>()).add(fields);
            }
        }
        System.out.println("Columns: " + Arrays.toString(header(columns)));
    }

    private static String[] header(Map<String, Integer> columns) {
        return columns.keySet().toArray(String[]::new);
    }

    private String value(String[] row, String column) {
        return row[columns.get(column)];
    }

    private int count(String[] row, String column) {
        return Integer.parseInt(value(row, column));
    }

    private static Path logFile() {
        String configured = System.getenv(FILE_VARIABLE);
        return configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath()
                : Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve(LOG_PATH);
    }
}
