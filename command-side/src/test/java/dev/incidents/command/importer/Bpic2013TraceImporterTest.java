package dev.incidents.command.importer;

import java.util.OptionalInt;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.command.incident.SupportGroupDirectory;
import dev.incidents.api.incident.ImportMetaData;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.LifecyclePolicy;
import dev.incidents.command.incident.DuplicateRegistry;
import dev.incidents.command.incident.Incident;
import dev.incidents.command.incident.LifecycleProperties;
import dev.incidents.command.incident.PriorityMatrix;
import dev.incidents.command.incident.ServiceLevelTermsSource;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.api.sla.ServiceLevelTerms;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports small logs through a real Axon command bus, aggregate and in-memory event store, and checks the events
 * each record produced and how every record was counted.
 */
class Bpic2013TraceImporterTest {

    private static final LifecyclePolicy HISTORICAL = new LifecyclePolicy(true, true);
    private static final ServiceLevelTerms STANDARD_TERMS = standardTerms();

    @TempDir
    Path folder;

    private Configuration axon;
    private CommandGateway gateway;

    @BeforeEach
    void startAxon() {
        // false: no Axon Server connector, although it is on the class path.
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureAggregate(Incident.class)
                // The live timers are on, to show that imported commands schedule none of them.
                .registerComponent(LifecycleProperties.class, configuration -> new LifecycleProperties(false, false,
                        Duration.ofDays(14), Duration.ofDays(5), Duration.ofHours(4)))
                .registerComponent(PriorityMatrix.class, configuration -> PriorityMatrix.ITIL)
                .registerComponent(DuplicateRegistry.class, configuration -> new UnusedDuplicateRegistry())
                // An organisation without groups or users: imported commands carry no caller and are not checked.
                .registerComponent(SupportGroupDirectory.class, configuration -> new SupportGroupDirectory() {
                    @Override
                    public OptionalInt tierOf(SupportGroupId group) {
                        return OptionalInt.empty();
                    }

                    @Override
                    public boolean isMember(SupportGroupId group, UserId person) {
                        return false;
                    }

                    @Override
                    public boolean knowsUser(UserId person) {
                        return false;
                    }
                })
                // A policy in effect: imported reports record terms and feed the clocks, but schedule no deadlines.
                .registerComponent(ServiceLevelTermsSource.class, configuration -> reportedAt -> STANDARD_TERMS)
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .configureCorrelationDataProviders(configuration -> List.of(
                        new SimpleCorrelationDataProvider(ImportMetaData.SOURCE, ImportMetaData.POSITION)))
                .buildConfiguration();
        axon.start();
        gateway = axon.commandGateway();
    }

    private static ServiceLevelTerms standardTerms() {
        Map<Priority, ServiceLevelTargets> targets = new java.util.EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            targets.put(priority, new ServiceLevelTargets(Duration.ofHours(1), Duration.ofHours(8)));
        }
        ServiceLevelPolicy policy = new ServiceLevelPolicy("standard", 1, java.time.Instant.EPOCH, targets);
        return new ServiceLevelTerms(policy, new NamedCalendar("24x7", 1,
                BusinessCalendar.alwaysOpen(java.time.ZoneOffset.UTC)), Map.of());
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    @Test
    void traceBecomesLifecycleEvents() throws IOException {
        Path log = new XesLogBuilder()
                .event("Queued", "Awaiting Assignment", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Accepted", "In Progress", "X", "p2", "2012-05-01T09:05:00+02:00")
                .event("Queued", "Awaiting Assignment", "Y", "p2", "2012-05-01T09:10:00+02:00")
                .event("Accepted", "In Progress", "Y", "p3", "2012-05-01T09:20:00+02:00")
                .event("Accepted", "Wait - User", "Y", "p3", "2012-05-01T09:30:00+02:00")
                .event("Completed", "Resolved", "Y", "p3", "2012-05-01T10:00:00+02:00")
                .event("Accepted", "In Progress", "Y", "p3", "2012-05-02T09:00:00+02:00")
                .event("Completed", "Closed", "Y", "Siebel", "2012-05-03T01:00:00+02:00")
                .trace("1-100")
                .writeTo(folder);

        ImportTally tally = runImport(log, HISTORICAL);

        assertThat(eventTypes("1-100")).containsExactly("IncidentReported", "IncidentAssigned",
                "AssignmentAccepted", "IncidentReassigned", "AssignmentAccepted", "IncidentPended",
                "IncidentResumed", "IncidentResolved", "IncidentReopened", "AssignmentAccepted", "IncidentResolved",
                "IncidentClosed");
        assertThat(tally.records()).isEqualTo(8);
        assertThat(tally.applied()).isEqualTo(8);
        assertThat(tally.incidents()).isEqualTo(1);
        assertThat(tally.skipped()).isEmpty();
        assertThat(tally.rejected()).isEmpty();
    }

    @Test
    void secondRunChangesNothing() throws IOException {
        Path log = new XesLogBuilder()
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:01:00+02:00")
                .event("Completed", "In Call", "X", "p1", "2012-05-01T09:02:00+02:00")
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:03:00+02:00")
                .trace("1-200")
                .writeTo(folder);
        runImport(log, HISTORICAL);
        List<String> afterFirstRun = eventTypes("1-200");

        ImportTally second = runImport(log, HISTORICAL);

        assertThat(eventTypes("1-200")).isEqualTo(afterFirstRun);
        assertThat(second.applied()).isZero();
        assertThat(second.incidents()).isZero();
        assertThat(second.skipped()).containsEntry(Bpic2013TraceImporter.ALREADY_IMPORTED, 4L);
    }

    @Test
    void workAfterClosureIsRejectedUnderStrictPolicy() throws IOException {
        Path log = new XesLogBuilder()
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Completed", "Closed", "X", "p1", "2012-05-01T09:02:00+02:00")
                .event("Accepted", "In Progress", "X", "p1", "2012-05-02T09:00:00+02:00")
                .trace("1-300")
                .writeTo(folder);

        ImportTally tally = runImport(log, LifecyclePolicy.STRICT);

        assertThat(tally.rejected()).containsExactly(Map.entry("COMMAND_NOT_ALLOWED on reopen", 1L));
        assertThat(tally.applied()).isEqualTo(2);
        assertThat(eventTypes("1-300")).endsWith("IncidentClosed");
    }

    @Test
    void workAfterClosureReopensUnderHistoricalPolicy() throws IOException {
        Path log = new XesLogBuilder()
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Completed", "Closed", "X", "p1", "2012-05-01T09:02:00+02:00")
                .event("Completed", "Closed", "Z", "p9", "2012-05-02T08:59:00+02:00")
                .event("Accepted", "In Progress", "Z", "p9", "2012-05-02T09:00:00+02:00")
                .trace("1-301")
                .writeTo(folder);

        ImportTally tally = runImport(log, HISTORICAL);

        assertThat(tally.skipped()).containsExactly(Map.entry(Bpic2013TraceImporter.TEAM_CHANGE_WHEN_CLOSED, 1L));
        assertThat(eventTypes("1-301")).endsWith("IncidentClosed", "IncidentReopened", "IncidentReassigned",
                "AssignmentAccepted");
    }

    @Test
    void unmatchedAfterResolutionRejectsIt() throws IOException {
        Path log = new XesLogBuilder()
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Completed", "Resolved", "X", "p1", "2012-05-01T09:02:00+02:00")
                .event("Unmatched", "Unmatched", "X", "p2", "2012-05-01T09:05:00+02:00")
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:06:00+02:00")
                .trace("1-400")
                .writeTo(folder);

        ImportTally tally = runImport(log, HISTORICAL);

        assertThat(eventTypes("1-400")).endsWith("IncidentResolved", "ResolutionRejected");
        assertThat(eventTypes("1-400")).doesNotContain("IncidentReopened");
        assertThat(tally.skipped()).containsExactly(Map.entry(Bpic2013TraceImporter.NO_CHANGE, 1L));
    }

    @Test
    void resolutionAfterClosureRevokesTheClosure() throws IOException {
        Path log = new XesLogBuilder()
                .event("Completed", "Resolved", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Completed", "Closed", "X", "Siebel", "2012-05-02T01:00:00+02:00")
                .event("Completed", "Resolved", "X", "p1", "2012-05-09T09:00:00+02:00")
                .trace("1-500")
                .writeTo(folder);

        runImport(log, HISTORICAL);

        assertThat(eventTypes("1-500")).containsExactly("IncidentReported", "IncidentAssigned",
                "IncidentResolved", "IncidentClosed", "IncidentClosureRevoked");
    }

    @Test
    void invalidRecordsAreRejectedWithReason() throws IOException {
        Path log = new XesLogBuilder()
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Accepted", "In Progress", "X", "p1", null)
                .event("Accepted", "Wait - User", null, "p1", "2012-05-01T09:10:00+02:00")
                .event("Archived", "Gone", "X", "p1", "2012-05-01T09:20:00+02:00")
                .event("Accepted", "In Progress", "X", "p1", "2012-04-01T09:00:00+02:00")
                .trace("1-600")
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .trace("not a valid id!")
                .writeTo(folder);

        ImportTally tally = runImport(log, HISTORICAL);

        assertThat(tally.records()).isEqualTo(6);
        assertThat(tally.applied()).isEqualTo(1);
        assertThat(tally.rejected()).containsOnly(
                Map.entry("missing or invalid time:timestamp", 1L),
                Map.entry("missing org:group", 1L),
                Map.entry("unknown status Archived", 1L),
                Map.entry("invalid incident id", 1L));
        assertThat(tally.skipped()).containsOnly(Map.entry(Bpic2013TraceImporter.NO_CHANGE, 1L));
    }

    @Test
    void earlierTimestampThanLastChangeIsRejected() throws IOException {
        Path log = new XesLogBuilder()
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Accepted", "Wait - User", "X", "p1", "2012-04-01T09:00:00+02:00")
                .trace("1-700")
                .writeTo(folder);

        ImportTally tally = runImport(log, HISTORICAL);

        assertThat(tally.rejected()).containsExactly(Map.entry("OCCURRED_BEFORE_LAST_EVENT on pend", 1L));
    }

    private ImportTally runImport(Path log, LifecyclePolicy policy) throws IOException {
        ImportTally tally = new ImportTally();
        Bpic2013TraceImporter importer = new Bpic2013TraceImporter(policy);
        XesTraceReader.readTraces(log, trace -> importer.importTrace(trace, this::send, tally));
        return tally;
    }

    private IncidentStatus send(Object command, long position) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(Map.of(ImportMetaData.SOURCE, "test", ImportMetaData.POSITION, position)));
    }

    private List<String> eventTypes(String incidentId) {
        List<String> types = new ArrayList<>();
        axon.eventStore().readEvents(incidentId).asStream()
                .map(DomainEventMessage::getPayloadType)
                .forEach(type -> types.add(type.getSimpleName()));
        return types;
    }

    /** Imports never mark duplicates, so any use of the registry is a failure. */
    private static final class UnusedDuplicateRegistry implements DuplicateRegistry {

        @Override
        public DuplicateCheck lockAndCheck(IncidentId duplicateId, IncidentId originalId) {
            throw new AssertionError("an import marked " + duplicateId + " as a duplicate");
        }

        @Override
        public void link(IncidentId duplicateId, IncidentId originalId) {
            throw new AssertionError("an import linked " + duplicateId + " to " + originalId);
        }
    }
}
