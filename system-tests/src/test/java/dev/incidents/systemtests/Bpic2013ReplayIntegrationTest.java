package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the BPI Challenge 2013 incident log (Volvo IT, 7,554 incidents, 65,533 records) through
 * {@code bin/incidents replay} and checks the read models twice: against fixed expected figures, and against figures
 * this test counts from the same file. Then it restarts both servers and checks that nothing was
 * lost or doubled, and compares the XES export with the source traces ({@link XesRoundTrip}): for three incidents
 * chosen from the source, exported one by one, and for the whole log in one request. Last it rebuilds every read
 * model and compares its fingerprints. The log is not part of the
 * repository: the test reads the file named by the environment variable {@value #FILE_VARIABLE}, or else {@code shared/}{@value #LOG_PATH} in the directory that contains the
 * repository, and is skipped when the file is absent.
 */
@EnabledIf(value = "logPresent", disabledReason = "BPIC 2013 log not found")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Bpic2013ReplayIntegrationTest {

    private static final String FILE_VARIABLE = "INCIDENTS_BPIC2013_FILE";
    private static final String LOG_PATH = "datasets/bpic2013/bpi_challenge_2013_incidents.xes.gz";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(45);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(15);
    private static final String SAMPLE_INCIDENT = "1-364285768";
    private static final List<String> PROCESSORS = List.of("incident-summary", "audit-trail", "service-levels",
            "organisation", "service-level-definitions");

    // The log's published size (incidents, records), and the reassignment, reopen and final-state figures that the
    // import mapping gives for it. The test also counts each of them from the file.
    private static final long EXPECTED_RECORDS = 65_533;
    private static final long EXPECTED_INCIDENTS = 7_554;
    private static final long EXPECTED_REASSIGNMENTS = 9_454;
    private static final long EXPECTED_REASSIGNED_INCIDENTS = 3_820;
    private static final long EXPECTED_REOPENS = 575;
    private static final long EXPECTED_REOPENED_INCIDENTS = 510;
    private static final long EXPECTED_CLOSED = 5_573;
    private static final long EXPECTED_RESOLVED = 1_972;
    private static final long EXPECTED_CANCELLED = 1;
    private static final long EXPECTED_OPEN = 8;

    private static final List<String> OPEN_STATES = List.of("NEW", "ASSIGNED", "IN_PROGRESS", "PENDING");

    private Path log;
    private XesLogFigures reference;
    private XesRoundTrip roundTrip;
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
        log = logFile();

        reference = XesLogFigures.count(log);
        System.out.println("Figures counted from " + log + ": " + reference);
        roundTrip = XesRoundTrip.readSource(log);

        stack = IncidentsStack.create("bpic2013");
        long started = System.nanoTime();
        stack.runSuccessfully(REPLAY_TIMEOUT, "replay", log.toString(), "--report", "r.json");
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        report = IncidentsStack.readJson(stack.workDir().resolve("r.json"));
        System.out.printf(Locale.ROOT, "BPIC 2013 replay: %.1f s wall time for bin/incidents replay (servers "
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
    @Order(1)
    void countedFiguresMatchExpectedOnes() {
        assertThat(reference.records()).isEqualTo(EXPECTED_RECORDS);
        assertThat(reference.traces()).isEqualTo(EXPECTED_INCIDENTS);
        assertThat(reference.teamChanges()).isEqualTo(EXPECTED_REASSIGNMENTS);
        assertThat(reference.tracesWithTeamChange()).isEqualTo(EXPECTED_REASSIGNED_INCIDENTS);
        assertThat(reference.completedThenReopened()).isEqualTo(EXPECTED_REOPENS);
        assertThat(reference.tracesReopened()).isEqualTo(EXPECTED_REOPENED_INCIDENTS);
        assertThat(reference.lastStatus("CLOSED")).isEqualTo(EXPECTED_CLOSED);
        assertThat(reference.lastStatus("RESOLVED")).isEqualTo(EXPECTED_RESOLVED);
        assertThat(reference.lastStatus("CANCELLED")).isEqualTo(EXPECTED_CANCELLED);
        assertThat(reference.lastStatus(XesLogFigures.OPEN)).isEqualTo(EXPECTED_OPEN);
    }

    @Test
    @Order(2)
    void everyRecordIsAppliedSkippedOrRejected() {
        long applied = report.path("appliedRecords").asLong();
        long skipped = sum(report.path("skippedRecords"));
        long rejected = sum(report.path("rejectedRecords"));
        System.out.println("skipped " + report.path("skippedRecords") + ", rejected " + report.path("rejectedRecords"));

        assertThat(report.path("sourceRecords").asLong()).isEqualTo(EXPECTED_RECORDS);
        assertThat(report.path("sourceRecords").asLong()).isEqualTo(reference.records());
        assertThat(applied + skipped + rejected).isEqualTo(EXPECTED_RECORDS);
    }

    @Test
    @Order(3)
    void reportMatchesExpectedFigures() {
        assertThat(report.path("incidents").asLong()).isEqualTo(EXPECTED_INCIDENTS);
        assertThat(report.path("reassignments").asLong()).isEqualTo(EXPECTED_REASSIGNMENTS);
        assertThat(report.path("reassignedIncidents").asLong()).isEqualTo(EXPECTED_REASSIGNED_INCIDENTS);
        assertThat(report.path("reopens").asLong()).isEqualTo(EXPECTED_REOPENS);
        assertThat(report.path("reopenedIncidents").asLong()).isEqualTo(EXPECTED_REOPENED_INCIDENTS);
        assertThat(report.path("byState").path("CLOSED").asLong()).isEqualTo(EXPECTED_CLOSED);
        assertThat(report.path("byState").path("RESOLVED").asLong()).isEqualTo(EXPECTED_RESOLVED);
        assertThat(report.path("byState").path("CANCELLED").asLong()).isEqualTo(EXPECTED_CANCELLED);
        assertThat(openIncidents(report.path("byState"))).isEqualTo(EXPECTED_OPEN);
    }

    @Test
    @Order(4)
    void reportMatchesCountedFigures() {
        assertThat(report.path("incidents").asLong()).isEqualTo(reference.traces());
        assertThat(report.path("reassignments").asLong()).isEqualTo(reference.teamChanges());
        assertThat(report.path("reassignedIncidents").asLong()).isEqualTo(reference.tracesWithTeamChange());
        assertThat(report.path("reopens").asLong()).isEqualTo(reference.completedThenReopened());
        assertThat(report.path("reopenedIncidents").asLong()).isEqualTo(reference.tracesReopened());
        assertThat(report.path("byState").path("CLOSED").asLong()).isEqualTo(reference.lastStatus("CLOSED"));
        assertThat(report.path("byState").path("RESOLVED").asLong()).isEqualTo(reference.lastStatus("RESOLVED"));
        assertThat(report.path("byState").path("CANCELLED").asLong()).isEqualTo(reference.lastStatus("CANCELLED"));
        assertThat(openIncidents(report.path("byState"))).isEqualTo(reference.lastStatus(XesLogFigures.OPEN));
    }

    @Test
    @Order(5)
    void restartKeepsEveryFigure() throws Exception {
        stack.runSuccessfully(START_TIMEOUT, "down");
        stack.runSuccessfully(START_TIMEOUT, "up");
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);

        JsonNode statistics = stack.getFromQuerySide("/api/statistics");
        for (String figure : List.of("incidents", "reassignments", "reassignedIncidents", "reopens",
                "reopenedIncidents", "auditEntries")) {
            assertThat(statistics.path(figure).asLong()).as(figure).isEqualTo(report.path(figure).asLong());
        }
        assertThat(statistics.path("byState")).isEqualTo(report.path("byState"));
    }

    @Test
    @Order(6)
    void historyOfSampleIncidentIsInSequence() throws Exception {
        JsonNode history = stack.getFromQuerySide("/api/incidents/" + SAMPLE_INCIDENT + "/history");

        assertThat(history.size()).isGreaterThan(1);
        assertThat(history.get(0).path("type").asText()).isEqualTo("IncidentReported");
        Instant previousTime = Instant.MIN;
        for (int i = 0; i < history.size(); i++) {
            JsonNode entry = history.get(i);
            assertThat(entry.path("sequenceNumber").asLong()).as("sequence number of entry %d", i).isEqualTo(i);
            Instant occurredAt = Instant.parse(entry.path("occurredAt").asText());
            assertThat(occurredAt).as("occurredAt of entry %d", i).isAfterOrEqualTo(previousTime);
            previousTime = occurredAt;
        }
    }

    @Test
    @Order(7)
    void mostReassignedIncidentRoundTrips() throws Exception {
        String id = roundTrip.chooseTrace(trace -> true, XesRoundTrip::teamChanges);
        List<XesRoundTrip.SourceRecord> records = roundTrip.source().get(id);
        System.out.println("Incident with the most team changes: " + id + ", " + XesRoundTrip.teamChanges(records));

        XesRoundTrip.ExportedTrace exported = roundTrip.exportReportedWith(stack, id);

        roundTrip.assertRoundTrip(id, exported);
        assertThat(XesRoundTrip.teamChanges(records)).isGreaterThan(5);
        assertThat(exported.events().get(exported.events().size() - 1).reassignmentCount())
                .isEqualTo(XesRoundTrip.teamChanges(records));
    }

    @Test
    @Order(8)
    void reopenAfterClosureRoundTrips() throws Exception {
        String id = roundTrip.chooseTrace(XesRoundTrip::reopensAfterClosure, List::size);
        System.out.println("Incident reopened after closure: " + id);

        XesRoundTrip.ExportedTrace exported = roundTrip.exportReportedWith(stack, id);

        roundTrip.assertRoundTrip(id, exported);
        List<XesRoundTrip.ExportedEvent> events = exported.events();
        boolean reopenedFromClosed = false;
        for (int i = 1; i < events.size(); i++) {
            if ("Incident reopened".equals(events.get(i).activity()) && "CLOSED".equals(events.get(i - 1).state())) {
                reopenedFromClosed = true;
            }
        }
        assertThat(reopenedFromClosed).as("an Incident reopened event right after the state CLOSED").isTrue();
    }

    @Test
    @Order(9)
    void inCallResolutionRoundTrips() throws Exception {
        String id = roundTrip.chooseTrace(trace -> trace.stream().anyMatch(r -> r.label().equals("Completed/In Call"))
                && trace.stream().anyMatch(r -> !r.status().equals("Completed")), List::size);
        System.out.println("Incident resolved in the call: " + id);

        XesRoundTrip.ExportedTrace exported = roundTrip.exportReportedWith(stack, id);

        roundTrip.assertRoundTrip(id, exported);
        assertThat(exported.events()).anyMatch(event -> "Incident resolved".equals(event.activity())
                && "Completed/In Call".equals(event.importStatus()));
    }

    @Test
    @Order(10)
    void wholeLogRoundTrips() throws Exception {
        Map<String, XesRoundTrip.ExportedTrace> exported;
        long started = System.nanoTime();
        HttpResponse<InputStream> response = stack.streamFromQuerySide(XesRoundTrip.EXPORT);
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            exported = XesRoundTrip.readExport(body);
        }
        System.out.printf(Locale.ROOT, "Exported and parsed %d traces in %.1f s%n", exported.size(),
                (System.nanoTime() - started) / 1e9);

        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(roundTrip.source().keySet());
        for (String id : roundTrip.source().keySet()) {
            roundTrip.assertRoundTrip(id, exported.get(id));
        }
    }

    /**
     * Rebuilds every read model from the replayed event store, one processor after the other, and checks that each
     * fingerprint after the rebuild equals the one before. Prints both fingerprints and the rebuild time.
     */
    @Test
    @Order(11)
    void rebuildKeepsEveryFingerprint() throws Exception {
        stack.awaitProjectionsCaughtUp(CATCH_UP_TIMEOUT);

        for (String processor : PROCESSORS) {
            JsonNode before = stack.getFromQuerySide("/api/projections/" + processor + "/fingerprint");
            assertThat(before.path("processorCaughtUp").asBoolean()).as(processor).isTrue();

            HttpResponse<String> started = stack.postToQuerySide("/api/projections/" + processor + "/rebuild");
            assertThat(started.statusCode()).as("rebuild of %s: %s", processor, started.body()).isEqualTo(202);
            String rebuildId = IncidentsStack.MAPPER.readTree(started.body()).path("rebuildId").asText();
            JsonNode done = awaitRebuildDone(processor, rebuildId);
            JsonNode after = stack.getFromQuerySide("/api/projections/" + processor + "/fingerprint");

            System.out.printf(Locale.ROOT, "Rebuild of %s after the BPIC 2013 replay: %.1f s, %d events, %.0f "
                            + "events/s; fingerprint before %s, after %s; documents %s%n", processor,
                    done.path("elapsedSeconds").asDouble(), done.path("eventsDone").asLong(),
                    done.path("eventsPerSecond").asDouble(), before.path("fingerprint").asText(),
                    after.path("fingerprint").asText(), after.path("collections"));
            // The collections first: each carries its own hash, so a difference names the collection.
            assertThat(after.path("collections")).as(processor).isEqualTo(before.path("collections"));
            assertThat(after.path("fingerprint").asText()).as(processor)
                    .isEqualTo(before.path("fingerprint").asText());
        }
        JsonNode statistics = stack.getFromQuerySide("/api/statistics");
        assertThat(statistics.path("incidents").asLong()).isEqualTo(report.path("incidents").asLong());
    }

    private JsonNode awaitRebuildDone(String processor, String rebuildId) throws Exception {
        Instant deadline = Instant.now().plus(REBUILD_TIMEOUT);
        JsonNode progress = stack.getFromQuerySide("/api/projections/" + processor + "/rebuild");
        while (!progress.path("state").asText().equals("DONE")) {
            assertThat(progress.path("state").asText()).as("state of %s", progress).isEqualTo("RUNNING");
            assertThat(Instant.now()).as("time to rebuild %s; last progress %s", processor, progress)
                    .isBefore(deadline);
            Thread.sleep(500);
            progress = stack.getFromQuerySide("/api/projections/" + processor + "/rebuild");
        }
        assertThat(progress.path("rebuildId").asText()).isEqualTo(rebuildId);
        return progress;
    }

    private static long openIncidents(JsonNode byState) {
        return OPEN_STATES.stream().mapToLong(state -> byState.path(state).asLong()).sum();
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        return total;
    }
}
