package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the development slice of the incident event log of a ServiceNow instance (Amaral, Fantinato, Peres, UCI
 * Machine Learning Repository, 2018, DOI 10.24432/C57S4H, CC BY 4.0; 5,000 incidents, 35,082 rows) through
 * {@code bin/incidents replay --format servicenow} and checks the report against the figures the data set's
 * description gives and against figures this test counts from the same file. The file is not part of the
 * repository: the test reads the one named by {@value #FILE_VARIABLE}, or else {@code shared/}{@value #LOG_PATH}
 * in the directory that contains the repository, and is skipped when it is absent.
 */
@EnabledIf(value = "logPresent", disabledReason = "ServiceNow development slice not found")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceNowReplayIntegrationTest {

    private static final String FILE_VARIABLE = "INCIDENTS_SERVICENOW_FILE";
    private static final String LOG_PATH = "datasets/uci-incident-event-log/incident_event_log_dev.csv.gz";
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(30);

    // The data set description's figures for the slice.
    private static final long EXPECTED_ROWS = 35_082;
    private static final long EXPECTED_INCIDENTS = 5_000;
    private static final long EXPECTED_SOURCE_REOPENS = 99;
    private static final long EXPECTED_REOPENED_INCIDENTS = 78;
    private static final long EXPECTED_SOURCE_REASSIGNMENTS = 6_807;

    private ServiceNowLogFigures reference;
    private IncidentsStack stack;
    private JsonNode report;

    /** Enables the class only where the log exists, so that a missing log shows as skipped tests. */
    static boolean logPresent() {
        return Files.isRegularFile(logFile());
    }

    private static Path logFile() {
        String configured = System.getenv(FILE_VARIABLE);
        return configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath()
                : IncidentsStack.repoRoot().resolveSibling("shared").resolve(LOG_PATH);
    }

    @BeforeAll
    void replayLog() throws Exception {
        Path log = logFile();
        reference = ServiceNowLogFigures.count(log);
        System.out.println("Figures counted from " + log + ": " + reference);

        stack = IncidentsStack.create("servicenow");
        long started = System.nanoTime();
        String output = stack.runSuccessfully(REPLAY_TIMEOUT, "replay", log.toString(), "--format", "servicenow",
                "--report", "r.json");
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        report = IncidentsStack.readJson(stack.workDir().resolve("r.json"));
        assertThat(output).contains("source count");
        System.out.printf(Locale.ROOT, "ServiceNow replay: %.1f s wall time for bin/incidents replay (servers "
                + "started by it), %.1f s from upload until the query side caught up%n",
                wallSeconds, report.path("elapsedSeconds").asDouble());
    }

    @AfterAll
    void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void countedFiguresMatchDescription() {
        assertThat(reference.rows()).isEqualTo(EXPECTED_ROWS);
        assertThat(reference.incidents()).isEqualTo(EXPECTED_INCIDENTS);
        assertThat(reference.closedIncidents()).isEqualTo(EXPECTED_INCIDENTS);
        assertThat(reference.sourceReopens()).isEqualTo(EXPECTED_SOURCE_REOPENS);
        assertThat(reference.reopenedIncidents()).isEqualTo(EXPECTED_REOPENED_INCIDENTS);
        assertThat(reference.sourceReassignments()).isEqualTo(EXPECTED_SOURCE_REASSIGNMENTS);
    }

    @Test
    void everyRowIsAppliedOrSkipped() {
        long skipped = sum(report.path("skippedRecords"));
        System.out.println("skipped " + report.path("skippedRecords") + ", rejected " + report.path("rejectedRecords"));

        assertThat(report.path("format").asText()).isEqualTo("servicenow");
        assertThat(report.path("sourceRecords").asLong()).isEqualTo(reference.rows());
        assertThat(report.path("appliedRecords").asLong() + skipped).isEqualTo(reference.rows());
        assertThat(sum(report.path("rejectedRecords"))).isZero();
    }

    @Test
    void everyIncidentEndsClosed() {
        assertThat(report.path("incidents").asLong()).isEqualTo(reference.incidents());
        assertThat(report.path("importedIncidents").asLong()).isEqualTo(reference.incidents());
        assertThat(report.path("byState").path("CLOSED").asLong()).isEqualTo(reference.closedIncidents());
    }

    @Test
    void reopensMatchSourceCounts() {
        assertThat(report.path("reopens").asLong()).isEqualTo(reference.sourceReopens());
        assertThat(report.path("reopenedIncidents").asLong()).isEqualTo(reference.reopenedIncidents());
        assertThat(report.path("sourceReopens").asLong()).isEqualTo(reference.sourceReopens());
        assertThat(report.path("reopenCountMatches").asLong()).isEqualTo(reference.incidents());
        assertThat(report.path("reopenCountMismatches").size()).isZero();
    }

    @Test
    void reassignmentsAreVisibleGroupChanges() {
        long compared = report.path("comparedIncidents").asLong();
        long mismatches = sum(report.path("reassignmentCountMismatches"));

        assertThat(report.path("reassignments").asLong()).isEqualTo(reference.groupChanges());
        assertThat(report.path("reassignedIncidents").asLong()).isEqualTo(reference.incidentsWithGroupChange());
        assertThat(report.path("sourceReassignments").asLong()).isEqualTo(reference.sourceReassignments());
        assertThat(compared).isEqualTo(reference.incidents());
        assertThat(report.path("reassignmentCountMatches").asLong())
                .isEqualTo(reference.reassignmentCountsEqualToGroupChanges());
        assertThat(report.path("reassignmentCountMatches").asLong() + mismatches).isEqualTo(compared);
    }

    @Test
    void listedDifferencesNameTheirReason() {
        JsonNode listed = report.path("firstCountMismatches");

        assertThat(listed.size()).isPositive();
        for (JsonNode mismatch : listed) {
            assertThat(mismatch.path("counter").asText()).isEqualTo("reassignment_count");
            assertThat(mismatch.path("source").asInt()).isGreaterThan(mismatch.path("imported").asInt());
            assertThat(List.of("more than visible group changes", "before the first imported row"))
                    .anyMatch(mismatch.path("reason").asText()::contains);
        }
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        return total;
    }
}
