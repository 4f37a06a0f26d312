package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays {@code own-incidents.xes}, five BPIC 2013 style traces written for this test, through
 * {@code bin/incidents replay}, then replays it again. The expected figures follow from the import mapping:
 * <ul>
 *   <li>SR-1001: reported to G-Alpha, accepted, reassigned to G-Beta, accepted, resolved, reopened by "Accepted"
 *       (and accepted), resolved and closed by "Completed/Closed"; the last record changes the team of the
 *       closed incident and is skipped. 8 records, 7 applied, 10 events, CLOSED.</li>
 *   <li>SR-1002: reported, accepted and pended by "Accepted/Wait - User", resumed, one "Accepted/In Progress"
 *       that changes nothing, one "Unmatched" outside a resolution, resolved. 6 records, 4 applied, 6 events,
 *       RESOLVED.</li>
 *   <li>SR-1003: the first record "Accepted/In Progress" reports and accepts; reassigned to G-Gamma, accepted and
 *       pended, reassigned back to G-Beta, accepted and pended. 5 records, 5 applied, 9 events, 2 reassignments,
 *       PENDING.</li>
 *   <li>SR-1004: resolved straight from ASSIGNED, resolution rejected by "Unmatched", resolved, handed over to
 *       G-Epsilon while RESOLVED and closed, reopened from CLOSED by "Queued", resolved and closed, closure revoked
 *       by "Completed/Resolved", reopened by "Accepted" (and accepted), resolved and closed. 10 records, all
 *       applied, 15 events, 1 reassignment, 2 reopens, CLOSED.</li>
 *   <li>SR-1005: reported, then cancelled. 2 records, 2 applied, 3 events, CANCELLED.</li>
 * </ul>
 * Reporting with a group gives two events (IncidentReported and IncidentAssigned); every other command gives one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayOwnInputIntegrationTest {

    private static final String LOG_RESOURCE = "/own-incidents.xes";
    private static final String LOG_FILE = "own-incidents.xes";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(15);

    private static final long SOURCE_RECORDS = 31;
    private static final long APPLIED_RECORDS = 28;
    private static final long SKIPPED_RECORDS = 3;
    private static final long INCIDENTS = 5;
    private static final long REASSIGNMENTS = 4;
    private static final long REASSIGNED_INCIDENTS = 3;
    private static final long REOPENS = 3;
    private static final long REOPENED_INCIDENTS = 2;
    private static final long AUDIT_ENTRIES = 43;

    private IncidentsStack stack;
    private JsonNode firstReport;
    private String firstReplayOutput;

    @BeforeAll
    void replayOwnLog() throws Exception {
        stack = IncidentsStack.create("own-input");
        try (InputStream log = getClass().getResourceAsStream(LOG_RESOURCE)) {
            assertThat(log).as("test resource " + LOG_RESOURCE).isNotNull();
            Files.copy(log, stack.workDir().resolve(LOG_FILE));
        }

        // Relative paths: bin/incidents resolves both against the caller's working directory.
        firstReplayOutput = stack.runSuccessfully(REPLAY_TIMEOUT, "replay", LOG_FILE, "--report", "first.json");
        firstReport = IncidentsStack.readJson(stack.workDir().resolve("first.json"));
    }

    @AfterAll
    void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void replayStartsStackAndPrintsSummary() {
        assertThat(firstReplayOutput).contains("Starting command-side", "command-side is healthy");
        assertThat(firstReplayOutput).contains("Starting query-side", "query-side is healthy");
        assertThat(firstReplayOutput).contains("source records          31");
        // An empty store before the replay, so the store's totals are this log's.
        assertThat(firstReplayOutput).contains("in the store, with earlier imports and live work:");
        assertThat(firstReplayOutput).containsPattern("(?m)^\\s*reassignments\\s+4 in 3 incidents$");
        assertThat(firstReplayOutput).containsPattern("(?m)^\\s*reopens\\s+3 in 2 incidents$");
        assertThat(firstReplayOutput).contains("Report written to " + stack.workDir().resolve("first.json"));
    }

    @Test
    @Order(2)
    void reportCountsEveryRecord() {
        assertThat(firstReport.path("sourceRecords").asLong()).isEqualTo(SOURCE_RECORDS);
        assertThat(firstReport.path("appliedRecords").asLong()).isEqualTo(APPLIED_RECORDS);
        assertThat(sum(firstReport.path("skippedRecords"))).as("skipped %s", firstReport.path("skippedRecords"))
                .isEqualTo(SKIPPED_RECORDS);
        assertThat(sum(firstReport.path("rejectedRecords"))).as("rejected %s", firstReport.path("rejectedRecords"))
                .isZero();
    }

    @Test
    @Order(3)
    void reportHasReadModelFigures() {
        assertThat(firstReport.path("incidents").asLong()).isEqualTo(INCIDENTS);
        assertThat(firstReport.path("reassignments").asLong()).isEqualTo(REASSIGNMENTS);
        assertThat(firstReport.path("reassignedIncidents").asLong()).isEqualTo(REASSIGNED_INCIDENTS);
        assertThat(firstReport.path("reopens").asLong()).isEqualTo(REOPENS);
        assertThat(firstReport.path("reopenedIncidents").asLong()).isEqualTo(REOPENED_INCIDENTS);
        assertThat(firstReport.path("auditEntries").asLong()).isEqualTo(AUDIT_ENTRIES);
        assertThat(firstReport.path("elapsedSeconds").asDouble()).isPositive();

        JsonNode byState = firstReport.path("byState");
        assertThat(byState.path("CLOSED").asLong()).isEqualTo(2);
        assertThat(byState.path("RESOLVED").asLong()).isEqualTo(1);
        assertThat(byState.path("PENDING").asLong()).isEqualTo(1);
        assertThat(byState.path("CANCELLED").asLong()).isEqualTo(1);
        assertThat(byState.path("NEW").asLong()).isZero();
        assertThat(byState.path("ASSIGNED").asLong()).isZero();
        assertThat(byState.path("IN_PROGRESS").asLong()).isZero();
    }

    @Test
    @Order(4)
    void incidentsEndInStateOfLastRecord() throws Exception {
        Map<String, String> expectedStates = Map.of(
                "SR-1001", "CLOSED",
                "SR-1002", "RESOLVED",
                "SR-1003", "PENDING",
                "SR-1004", "CLOSED",
                "SR-1005", "CANCELLED");
        for (Map.Entry<String, String> expected : expectedStates.entrySet()) {
            JsonNode incident = stack.getFromQuerySide("/api/incidents/" + expected.getKey());
            assertThat(incident.path("state").asText()).as(expected.getKey()).isEqualTo(expected.getValue());
        }
    }

    @Test
    @Order(5)
    void incidentsCountTheirOwnReassignmentsAndReopens() throws Exception {
        JsonNode sr1001 = stack.getFromQuerySide("/api/incidents/SR-1001");
        assertThat(sr1001.path("assignedGroup").asText()).isEqualTo("G-Beta");
        assertThat(sr1001.path("reassignmentCount").asInt()).isEqualTo(1);
        assertThat(sr1001.path("reopenCount").asInt()).isEqualTo(1);

        JsonNode sr1003 = stack.getFromQuerySide("/api/incidents/SR-1003");
        assertThat(sr1003.path("assignedGroup").asText()).isEqualTo("G-Beta");
        assertThat(sr1003.path("reassignmentCount").asInt()).isEqualTo(2);
        assertThat(sr1003.path("reopenCount").asInt()).isZero();

        JsonNode sr1004 = stack.getFromQuerySide("/api/incidents/SR-1004");
        assertThat(sr1004.path("assignedGroup").asText()).isEqualTo("G-Epsilon");
        assertThat(sr1004.path("reassignmentCount").asInt()).isEqualTo(1);
        assertThat(sr1004.path("reopenCount").asInt()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void historyListsEventsOfOneIncidentInOrder() throws Exception {
        JsonNode history = stack.getFromQuerySide("/api/incidents/SR-1001/history");

        List<String> types = new ArrayList<>();
        List<Long> sequenceNumbers = new ArrayList<>();
        List<Instant> occurredAt = new ArrayList<>();
        for (JsonNode entry : history) {
            types.add(entry.path("type").asText());
            sequenceNumbers.add(entry.path("sequenceNumber").asLong());
            occurredAt.add(Instant.parse(entry.path("occurredAt").asText()));
            assertThat(entry.path("recordedAt").isMissingNode()).as("recordedAt of %s", entry).isFalse();
        }

        assertThat(types).containsExactly(
                "IncidentReported", "IncidentAssigned", "AssignmentAccepted", "IncidentReassigned",
                "AssignmentAccepted", "IncidentResolved", "IncidentReopened", "AssignmentAccepted",
                "IncidentResolved", "IncidentClosed");
        assertThat(sequenceNumbers).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(occurredAt).isSorted();
        assertThat(occurredAt.get(0)).isEqualTo(OffsetDateTime.parse("2013-03-01T08:00:00+01:00").toInstant());
        assertThat(occurredAt.get(3)).as("reassignment, third record")
                .isEqualTo(OffsetDateTime.parse("2013-03-01T10:14:00+01:00").toInstant());
        assertThat(occurredAt.get(9)).as("closure, seventh record")
                .isEqualTo(OffsetDateTime.parse("2013-03-01T14:42:00+01:00").toInstant());
        assertThat(history.get(3).path("actor").toString()).contains("owner-1", "G-Beta");
    }

    @Test
    @Order(7)
    void statusAndUpReportRunningStack() throws Exception {
        IncidentsStack.Result status = stack.run(START_TIMEOUT, "status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).containsPattern("command-side +running \\(pid \\d+\\), healthy at");
        assertThat(status.output()).containsPattern("query-side +running \\(pid \\d+\\), healthy at");
        assertThat(status.output()).contains("query side caught up");

        String up = stack.runSuccessfully(START_TIMEOUT, "up");
        assertThat(up).contains("Already running and healthy");
        assertThat(up).doesNotContain("Starting");
    }

    @Test
    @Order(8)
    void secondReplayChangesNoFigure() throws Exception {
        stack.runSuccessfully(REPLAY_TIMEOUT, "replay", LOG_FILE, "--report", "second.json");
        JsonNode second = IncidentsStack.readJson(stack.workDir().resolve("second.json"));

        assertThat(second.path("sourceRecords").asLong()).isEqualTo(SOURCE_RECORDS);
        assertThat(second.path("appliedRecords").asLong()).isZero();
        assertThat(sum(second.path("skippedRecords"))).as("skipped %s", second.path("skippedRecords"))
                .isEqualTo(SOURCE_RECORDS);
        assertThat(sum(second.path("rejectedRecords"))).as("rejected %s", second.path("rejectedRecords"))
                .isZero();
        for (String figure : List.of("incidents", "reassignments", "reassignedIncidents", "reopens",
                "reopenedIncidents", "auditEntries")) {
            assertThat(second.path(figure).asLong()).as(figure).isEqualTo(firstReport.path(figure).asLong());
        }
        assertThat(second.path("byState")).isEqualTo(firstReport.path("byState"));

        JsonNode history = stack.getFromQuerySide("/api/incidents/SR-1001/history");
        assertThat(history.size()).isEqualTo(10);
    }

    @Test
    @Order(9)
    void downStopsBothServersTwice() throws Exception {
        String down = stack.runSuccessfully(START_TIMEOUT, "down");
        assertThat(down).contains("query-side stopped", "command-side stopped");
        assertThat(down.indexOf("Stopping query-side")).isLessThan(down.indexOf("Stopping command-side"));
        assertThat(Files.exists(stack.dataDir().resolve("run/command-side.pid"))).isFalse();
        assertThat(Files.exists(stack.dataDir().resolve("run/query-side.pid"))).isFalse();

        String again = stack.runSuccessfully(START_TIMEOUT, "down");
        assertThat(again).contains("query-side is not running", "command-side is not running");

        IncidentsStack.Result status = stack.run(START_TIMEOUT, "status");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.output()).contains("command-side  not running", "query-side    not running");
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        return total;
    }
}
