package dev.incidents.command.importer;

import dev.incidents.api.incident.AssignmentAccepted;
import dev.incidents.api.incident.IncidentClassified;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentPended;
import dev.incidents.api.incident.IncidentReassigned;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentResolved;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.LifecyclePolicy;
import dev.incidents.api.incident.PendingReason;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.Urgency;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports small ServiceNow logs through a real Axon command bus, aggregate and in-memory event store, and checks
 * the events each row difference produced, how every row was counted and how the counters compare.
 */
class ServiceNowIncidentImporterTest {

    private static final LifecyclePolicy HISTORICAL = new LifecyclePolicy(true, true);

    @TempDir
    Path folder;

    private final InMemoryIncidents incidents = new InMemoryIncidents();

    @AfterEach
    void stopAxon() {
        incidents.close();
    }

    @Test
    void rowsBecomeLifecycleEvents() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Active", "Group 1", "1/3/2016 09:10", "assigned_to=Resolver 4")
                .row("INC1", 2, "Awaiting User Info", "Group 1", "1/3/2016 09:20")
                .row("INC1", 3, "Active", "Group 1", "1/3/2016 09:30")
                .row("INC1", 4, "Resolved", "Group 1", "1/3/2016 09:40", "resolved_at=1/3/2016 09:41")
                .row("INC1", 5, "Closed", "Group 1", "6/3/2016 10:00")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        assertThat(incidents.eventTypes("INC1")).containsExactly("IncidentReported", "IncidentAssigned",
                "AssignmentAccepted", "IncidentPended", "IncidentResumed", "IncidentResolved", "IncidentClosed");
        assertThat(tally.records()).isEqualTo(6);
        assertThat(tally.applied()).isEqualTo(6);
        assertThat(tally.incidents()).isEqualTo(1);
        assertThat(tally.rejected()).isEmpty();
        assertThat(payload("INC1", AssignmentAccepted.class).assignee().value()).isEqualTo("Resolver 4");
        assertThat(payload("INC1", IncidentPended.class).reason()).isEqualTo(PendingReason.CUSTOMER);
    }

    @Test
    void firstRowReportsWithSourceFields() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group 7", "1/3/2016 09:00", "opened_at=1/3/2016 08:30",
                        "caller_id=Caller 12", "opened_by=Opened by 3", "category=Category 9", "impact=1 - High",
                        "urgency=3 - Low")
                .writeTo(folder);

        runImport(log);

        DomainEventMessage<?> reported = incidents.events("INC1").get(0);
        IncidentReported event = (IncidentReported) reported.getPayload();
        assertThat(event.requester().value()).isEqualTo("Caller 12");
        assertThat(event.actor().user().value()).isEqualTo("Opened by 3");
        assertThat(event.category()).isEqualTo("Category 9");
        assertThat(event.impact()).isEqualTo(Impact.HIGH);
        assertThat(event.urgency()).isEqualTo(Urgency.LOW);
        assertThat(event.priority()).isEqualTo(Priority.P3_MODERATE);
        assertThat(event.ownerGroup()).isEqualTo(ServiceNowIncidentImporter.SERVICE_DESK);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2016-03-01T08:30:00Z"));
        assertThat(incidents.eventTypes("INC1")).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void groupChangesAreReassignmentsAndEmptyGroupCounts() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "?", "1/3/2016 09:00")
                .row("INC1", 1, "New", "Group 2", "1/3/2016 09:10", "reassignment_count=1")
                .row("INC1", 2, "Active", "Group 2", "1/3/2016 09:20", "reassignment_count=1")
                .row("INC1", 3, "Active", "?", "1/3/2016 09:30", "reassignment_count=2")
                .row("INC1", 4, "Active", "Group 3", "1/3/2016 09:40", "reassignment_count=3")
                .row("INC1", 5, "Resolved", "Group 4", "1/3/2016 09:50", "reassignment_count=4")
                .row("INC1", 6, "Resolved", "Group 5", "1/3/2016 09:55", "reassignment_count=5")
                .row("INC1", 7, "Closed", "Group 5", "6/3/2016 10:00", "reassignment_count=5")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        assertThat(incidents.eventTypes("INC1")).containsExactly("IncidentReported", "IncidentAssigned",
                "IncidentReassigned", "AssignmentAccepted", "IncidentReassigned", "AssignmentAccepted",
                "IncidentReassigned", "AssignmentAccepted", "IncidentReassigned", "IncidentResolved",
                "IncidentReassigned", "IncidentClosed");
        List<String> groups = incidents.events("INC1").stream()
                .filter(event -> event.getPayload() instanceof IncidentReassigned)
                .map(event -> ((IncidentReassigned) event.getPayload()).toGroup().value())
                .toList();
        assertThat(groups).containsExactly("Group 2", "SERVICE-DESK", "Group 3", "Group 4", "Group 5");
        SourceCounterReport counters = tally.counters().report();
        assertThat(counters.reassignmentCountMatches()).isEqualTo(1);
        assertThat(counters.sourceReassignments()).isEqualTo(5);
        assertThat(counters.importedReassignments()).isEqualTo(groups.size());
    }

    @Test
    void leavingResolvedOrClosedReopens() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "Active", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Resolved", "Group 1", "1/3/2016 09:10")
                .row("INC1", 2, "Active", "Group 1", "1/3/2016 09:20", "reopen_count=1")
                .row("INC1", 3, "Resolved", "Group 1", "1/3/2016 09:30", "reopen_count=1")
                .row("INC1", 4, "Closed", "Group 1", "6/3/2016 09:30", "reopen_count=1")
                .row("INC1", 5, "Awaiting Vendor", "Group 1", "7/3/2016 09:00", "reopen_count=2")
                .row("INC1", 6, "Closed", "Group 1", "9/3/2016 09:00", "reopen_count=2")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        assertThat(incidents.eventTypes("INC1")).containsExactly("IncidentReported", "IncidentAssigned",
                "AssignmentAccepted", "IncidentResolved", "IncidentReopened", "AssignmentAccepted",
                "IncidentResolved", "IncidentClosed", "IncidentReopened", "AssignmentAccepted", "IncidentPended",
                "IncidentResumed", "IncidentResolved", "IncidentClosed");
        assertThat(tally.counters().report().reopenCountMatches()).isEqualTo(1);
        assertThat(tally.counters().report().sourceReopens()).isEqualTo(2);
        assertThat(payload("INC1", IncidentPended.class).reason()).isEqualTo(PendingReason.VENDOR);
    }

    @Test
    void closedAfterClosureIsNotReopened() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "Resolved", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Closed", "Group 1", "6/3/2016 09:00")
                .row("INC1", 2, "Closed", "Group 1", "6/3/2016 09:05")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        assertThat(incidents.eventTypes("INC1")).containsExactly("IncidentReported", "IncidentAssigned",
                "IncidentResolved", "IncidentClosed");
        assertThat(tally.skipped()).containsExactly(Map.entry(ServiceNowIncidentImporter.NO_CHANGE, 1L));
    }

    @Test
    void changeOfAwaitingStateRepends() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "Awaiting Problem", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Awaiting Problem", "Group 1", "1/3/2016 09:10")
                .row("INC1", 2, "Awaiting User Info", "Group 1", "1/3/2016 09:20")
                .writeTo(folder);

        runImport(log);

        assertThat(incidents.eventTypes("INC1")).containsExactly("IncidentReported", "IncidentAssigned",
                "AssignmentAccepted", "IncidentPended", "IncidentResumed", "IncidentPended");
        List<PendingReason> reasons = incidents.events("INC1").stream()
                .filter(event -> event.getPayload() instanceof IncidentPended)
                .map(event -> ((IncidentPended) event.getPayload()).reason())
                .toList();
        assertThat(reasons).containsExactly(PendingReason.OTHER, PendingReason.CUSTOMER);
    }

    @Test
    void priorityChangeClassifies() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "Active", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Active", "Group 1", "1/3/2016 09:10", "impact=1 - High", "urgency=1 - High",
                        "priority=1 - Critical")
                .row("INC1", 2, "Active", "Group 1", "1/3/2016 09:20", "impact=1 - High", "urgency=1 - High",
                        "priority=1 - Critical")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        assertThat(incidents.eventTypes("INC1")).endsWith("AssignmentAccepted", "IncidentClassified");
        IncidentClassified classified = payload("INC1", IncidentClassified.class);
        assertThat(classified.priority()).isEqualTo(Priority.P1_CRITICAL);
        assertThat(classified.previousPriority()).isEqualTo(Priority.P3_MODERATE);
        assertThat(tally.skipped()).containsExactly(Map.entry(ServiceNowIncidentImporter.NO_CHANGE, 1L));
    }

    @Test
    void timeGoingBackIsClamped() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "Active", "Group 1", "1/3/2016 09:00", "opened_at=1/3/2016 09:30")
                .row("INC1", 1, "Resolved", "Group 1", "1/3/2016 10:00")
                .row("INC1", 2, "Closed", "Group 1", "1/3/2016 09:50")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        assertThat(tally.rejected()).isEmpty();
        List<Instant> times = incidents.events("INC1").stream()
                .map(event -> ((IncidentEvent) event.getPayload()).occurredAt())
                .toList();
        assertThat(times).containsExactly(Instant.parse("2016-03-01T09:30:00Z"),
                Instant.parse("2016-03-01T09:30:00Z"), Instant.parse("2016-03-01T09:30:00Z"),
                Instant.parse("2016-03-01T10:00:00Z"), Instant.parse("2016-03-01T10:00:00Z"));
    }

    @Test
    void resolutionUsesResolverAndCode() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "Resolved", "Group 1", "1/3/2016 09:00", "resolved_by=Resolved by 8",
                        "closed_code=code 9", "resolved_at=1/3/2016 09:00")
                .writeTo(folder);

        runImport(log);

        IncidentResolved resolved = payload("INC1", IncidentResolved.class);
        assertThat(resolved.resolvedBy().value()).isEqualTo("Resolved by 8");
        assertThat(resolved.resolutionCode()).isEqualTo("code 9");
        assertThat(resolved.note()).isEqualTo("resolved_at in the source: 2016-03-01T09:00:00Z");
    }

    @Test
    void secondRunChangesNothing() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Active", "Group 2", "1/3/2016 09:10", "reassignment_count=1")
                .row("INC1", 2, "Resolved", "Group 2", "1/3/2016 09:20", "reassignment_count=1")
                .writeTo(folder);
        runImport(log);
        List<String> afterFirstRun = incidents.eventTypes("INC1");

        ImportTally second = runImport(log);

        assertThat(incidents.eventTypes("INC1")).isEqualTo(afterFirstRun);
        assertThat(second.applied()).isZero();
        assertThat(second.incidents()).isZero();
        assertThat(second.skipped()).containsExactly(Map.entry(ServiceNowIncidentImporter.ALREADY_IMPORTED, 3L));
        assertThat(second.counters().report().reassignmentCountMatches()).isEqualTo(1);
    }

    @Test
    void rowsOutOfModCountOrderAreSkipped() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 3, "New", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "New", "Group 2", "1/3/2016 09:10", "reassignment_count=1")
                .row("INC1", 2, "Active", "Group 2", "1/3/2016 09:20", "reassignment_count=1")
                .row("INC1", 3, "Resolved", "Group 2", "1/3/2016 09:30", "reassignment_count=1")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        assertThat(tally.skipped()).containsExactly(Map.entry(ServiceNowIncidentImporter.OUT_OF_ORDER, 1L));
        assertThat(incidents.eventTypes("INC1")).containsExactly("IncidentReported", "IncidentAssigned",
                "AssignmentAccepted", "IncidentResolved");
        SourceCounterReport counters = tally.counters().report();
        assertThat(counters.reassignmentCountMatches()).isZero();
        assertThat(counters.reassignmentCountMismatches()).containsExactly(Map.entry(
                "source counts 1 before the first imported row; the rows before it are out of sys_mod_count"
                        + " order", 1L));
    }

    @Test
    void rowsOfRepeatedNumberAreRejected() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group 1", "1/3/2016 09:00")
                .row("INC2", 0, "New", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Active", "Group 1", "1/3/2016 09:10")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        assertThat(tally.rejected()).containsExactly(Map.entry(ServiceNowIncidentImporter.NOT_CONSECUTIVE, 1L));
        assertThat(incidents.eventTypes("INC1")).containsExactly("IncidentReported", "IncidentAssigned");
    }

    @Test
    void invalidRowsAreRejectedWithReason() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group 1", "?")
                .row("INC1", 1, "-100", "Group 1", "1/3/2016 09:10")
                .row("INC1", 2, "Active", "Group 1", "1/3/2016 09:20")
                .row("not a number!", 0, "New", "Group 1", "1/3/2016 09:00")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        assertThat(tally.rejected()).containsOnly(
                Map.entry("missing sys_updated_at", 1L),
                Map.entry("unknown incident_state -100", 1L),
                Map.entry("invalid incident number", 1L));
        assertThat(tally.applied()).isEqualTo(1);
        assertThat(incidents.eventTypes("INC1")).containsExactly("IncidentReported", "IncidentAssigned",
                "AssignmentAccepted");
    }

    @Test
    void hiddenRiseIsExplained() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "Active", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Active", "Group 1", "1/3/2016 09:10", "reassignment_count=2")
                .row("INC1", 2, "Active", "Group 2", "1/3/2016 09:20", "reassignment_count=3")
                .writeTo(folder);

        ImportTally tally = runImport(log);

        SourceCounterReport counters = tally.counters().report();
        assertThat(counters.reassignmentCountMismatches())
                .containsExactly(Map.entry("source counts 2 more than visible group changes", 1L));
        assertThat(counters.firstMismatches()).containsExactly(new CountMismatch("INC1",
                SourceCounterTally.REASSIGNMENT_COUNT, 3, 1, "source counts 2 more than visible group changes"));
        assertThat(counters.reopenCountMatches()).isEqualTo(1);
    }

    private ImportTally runImport(Path log) throws IOException {
        ImportTally tally = new ImportTally();
        ServiceNowIncidentImporter importer = new ServiceNowIncidentImporter(HISTORICAL);
        new ServiceNowCsvReader(ZoneOffset.UTC).readIncidents(log,
                incident -> importer.importIncident(incident, incidents::send, tally));
        return tally;
    }

    private <T> T payload(String incidentId, Class<T> type) {
        return incidents.events(incidentId).stream()
                .map(DomainEventMessage::getPayload)
                .filter(type::isInstance)
                .map(type::cast)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " for " + incidentId));
    }
}
