package dev.incidents.query.audit;

import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ResolutionPromised;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.sla.ServiceLevelClockKind;

import static dev.incidents.query.testing.ProjectionBatches.message;
import static dev.incidents.query.testing.TestEvents.DESK_ANALYST;
import static dev.incidents.query.testing.TestEvents.SERVICE_DESK;
import static dev.incidents.query.testing.TestEvents.SPECIALIST;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.classified;
import static dev.incidents.query.testing.TestEvents.escalated;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reassigned;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.EscalationKind;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.FetchIncidentHistoryQuery;
import dev.incidents.api.query.FieldChange;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ProjectionBatches;
import dev.incidents.query.testing.TestCallers;

class AuditTrailProjectionTest {

    private static final Caller AUDITOR = TestCallers.auditor("audrey");

    private static final String ID = "INC-7";

    private static InMemoryMongo mongo;

    private MongoTemplate template;
    private AuditTrailProjection projection;
    private AuditQueryHandler queries;
    private ProjectionBatches batches;

    @BeforeAll
    static void startMongo() {
        mongo = InMemoryMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        mongo.clear();
        template = mongo.template();
        projection = new AuditTrailProjection(template);
        queries = new AuditQueryHandler(template);
        batches = new ProjectionBatches(projection);
    }

    /**
     * Delivers the events as one batch with sequence numbers on from 0, event ids "id#sequence" and recording time
     * +1s.
     */
    private List<DomainEventMessage<IncidentEvent>> deliver(IncidentEvent... events) {
        return batches.deliver(events);
    }

    /** Delivers one event with the given sequence number as a batch of its own. */
    private void deliverAt(IncidentEvent event, long sequence) {
        batches.deliverBatch(List.of(message(event, sequence)));
    }

    private List<Document> storedTrails() {
        return template.getCollection(AuditTrailCollection.NAME).find().sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    private List<AuditEntry> history() {
        return queries.handle(new FetchIncidentHistoryQuery(new IncidentId(ID), AUDITOR));
    }

    /** Counts the stored entries of every trail by reading them, independent of the stored entry counts. */
    private long entryCount() {
        return storedTrails().stream().mapToLong(trail -> trail.getList("entries", Document.class).size()).sum();
    }

    @Test
    void entryKeepsRoleAndOrganisationVersion() {
        IncidentReported reported = new IncidentReported(new IncidentId(ID), "VPN drops", null, new UserId("carol"),
                "network", Impact.LOW, Urgency.LOW, Priority.P4_LOW, new SupportGroupId("SERVICE-DESK"),
                new Actor(new UserId("alice"), Role.SERVICE_DESK, new SupportGroupId("SERVICE-DESK")), minute(0));
        batches.deliverBatch(List.of(new GenericDomainEventMessage<>("Incident", ID, 0, reported,
                MetaData.with(CallerMetaData.ORGANISATION_VERSION, 3L), ID + "#0", minute(0))));
        deliverAt(workNote(ID, "imported note", minute(1)), 1);

        List<AuditEntry> entries = history();
        assertThat(entries.get(0).actor().role()).isEqualTo(Role.SERVICE_DESK);
        assertThat(entries.get(0).organisationVersion()).isEqualTo(3L);
        assertThat(entries.get(1).organisationVersion()).isNull();
    }

    @Test
    void firstEntryHoldsInitialValues() {
        deliver(reported(ID, "carol", Impact.HIGH, Urgency.LOW, minute(0)));

        AuditEntry entry = history().get(0);
        assertThat(entry.eventId()).isEqualTo(ID + "#0");
        assertThat(entry.incidentId()).isEqualTo(new IncidentId(ID));
        assertThat(entry.sequenceNumber()).isZero();
        assertThat(entry.type()).isEqualTo("IncidentReported");
        assertThat(entry.actor()).isEqualTo(DESK_ANALYST);
        assertThat(entry.occurredAt()).isEqualTo(minute(0));
        assertThat(entry.recordedAt()).isEqualTo(minute(0).plusSeconds(1));
        assertThat(entry.changes()).containsExactly(
                new FieldChange("state", null, "NEW"),
                new FieldChange("summary", null, "VPN drops every few minutes"),
                new FieldChange("requester", null, "carol"),
                new FieldChange("category", null, "network"),
                new FieldChange("impact", null, "HIGH"),
                new FieldChange("urgency", null, "LOW"),
                new FieldChange("priority", null, "P3_MODERATE"),
                new FieldChange("ownerGroup", null, SERVICE_DESK),
                new FieldChange("reassignmentCount", null, "0"),
                new FieldChange("reopenCount", null, "0"));
        assertThat(entry.details()).containsExactlyEntriesOf(Map.of("description", "Since the update on Monday"));
    }

    @Test
    void reassignmentRecordsOldAndNewValues() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                reassigned(ID, "NETWORK", "bob", "DATABASE", "dave", IncidentState.IN_PROGRESS, 1, minute(3)));

        AuditEntry entry = history().get(3);
        assertThat(entry.type()).isEqualTo("IncidentReassigned");
        assertThat(entry.actor()).isEqualTo(SPECIALIST);
        assertThat(entry.changes()).containsExactly(
                new FieldChange("state", "IN_PROGRESS", "ASSIGNED"),
                new FieldChange("assignedGroup", "NETWORK", "DATABASE"),
                new FieldChange("assignee", "bob", "dave"),
                new FieldChange("reassignmentCount", "0", "1"));
        assertThat(entry.details()).containsEntry("reason", "needs database access");
    }

    @Test
    void classificationRecordsPriorityChange() {
        deliver(reported(ID, "carol", minute(0)),
                classified(ID, "network", Impact.HIGH, Urgency.HIGH, minute(1)));

        assertThat(history().get(1).changes()).containsExactly(
                new FieldChange("impact", "MEDIUM", "HIGH"),
                new FieldChange("urgency", "MEDIUM", "HIGH"),
                new FieldChange("priority", "P3_MODERATE", "P1_CRITICAL"));
    }

    @Test
    void reopenRecordsCountAndGroup() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                resolved(ID, "NETWORK", "bob", minute(3)),
                reopened(ID, "NETWORK", IncidentState.RESOLVED, 1, minute(4)));

        List<AuditEntry> history = history();
        assertThat(history.get(3).changes()).containsExactly(new FieldChange("state", "IN_PROGRESS", "RESOLVED"));
        assertThat(history.get(3).details())
                .containsEntry("resolutionCode", "FIXED")
                .containsEntry("note", "replaced the router")
                .containsEntry("knowledgeArticle", "KB-42")
                .containsEntry("resolvedBy", "bob");
        assertThat(history.get(4).changes()).containsExactly(
                new FieldChange("state", "RESOLVED", "ASSIGNED"),
                new FieldChange("assignee", "bob", null),
                new FieldChange("reopenCount", "0", "1"));
        assertThat(history.get(4).details()).containsEntry("reason", "came back");
    }

    @Test
    void workNoteRecordsTextWithoutChanges() {
        deliver(reported(ID, "carol", minute(0)), workNote(ID, "checked the {\"$ne\": null} logs", minute(1)));

        AuditEntry entry = history().get(1);
        assertThat(entry.type()).isEqualTo("WorkNoteAdded");
        assertThat(entry.changes()).isEmpty();
        assertThat(entry.details())
                .containsEntry("text", "checked the {\"$ne\": null} logs")
                .containsEntry("visibility", "INTERNAL")
                .doesNotContainKey("correctsNoteId");
    }

    @Test
    void hierarchicalEscalationRecordsDetailsOnly() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                escalated(ID, EscalationKind.HIERARCHICAL, "NETWORK", "NETWORK-MANAGERS", minute(2)));

        AuditEntry entry = history().get(2);
        assertThat(entry.changes()).isEmpty();
        assertThat(entry.details())
                .containsEntry("kind", "HIERARCHICAL")
                .containsEntry("toGroup", "NETWORK-MANAGERS");
    }

    @Test
    void serviceLevelEventsNameClockTargetAndPolicy() {
        Actor policy = Actor.rule("service-level/standard-v2");
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                new ResolutionPromised(new IncidentId(ID), minute(90), DESK_ANALYST, minute(2)),
                new ServiceLevelWarningRaised(new IncidentId(ID), ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE,
                        new SupportGroupId("NETWORK"), Priority.P4_LOW, Duration.ofMinutes(20), "standard", 2,
                        policy, minute(16)),
                new ServiceLevelBreached(new IncidentId(ID), ServiceLevelClockKind.RESPONSE, null,
                        Priority.P4_LOW, Duration.ofMinutes(20), "standard", 2, policy, minute(21)));

        List<AuditEntry> entries = history();
        assertThat(entries.get(2).details()).containsExactlyEntriesOf(Map.of("promisedFor", minute(90).toString()));
        assertThat(entries.get(3).changes()).isEmpty();
        assertThat(entries.get(3).actor().user().value()).isEqualTo("system:service-level/standard-v2");
        assertThat(entries.get(3).details())
                .containsEntry("clock", "SUPPORT_GROUP_RESPONSE")
                .containsEntry("supportGroup", "NETWORK")
                .containsEntry("target", "PT20M")
                .containsEntry("policy", "standard v2");
        assertThat(entries.get(4).details())
                .containsEntry("clock", "RESPONSE")
                .doesNotContainKey("supportGroup");
    }

    @Test
    void historyIsInSequenceOrder() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                reported("INC-8", "dave", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                workNote(ID, "rebooted", minute(3)));

        assertThat(history()).extracting(AuditEntry::sequenceNumber).containsExactly(0L, 1L, 2L, 3L);
        assertThat(history()).extracting(AuditEntry::type)
                .containsExactly("IncidentReported", "IncidentAssigned", "AssignmentAccepted", "WorkNoteAdded");
        assertThat(queries.handle(new FetchIncidentHistoryQuery(new IncidentId("INC-8"), AUDITOR))).hasSize(1);
    }

    @Test
    void redeliveredEventWritesNoSecondEntry() {
        deliver(reported(ID, "carol", minute(0)), assigned(ID, "NETWORK", "bob", minute(1)));
        List<AuditEntry> before = history();

        deliverAt(assigned(ID, "NETWORK", "bob", minute(1)), 1);
        deliverAt(reported(ID, "carol", minute(0)), 0);

        assertThat(entryCount()).isEqualTo(2);
        assertThat(history()).isEqualTo(before);
    }

    @Test
    void redeliveredBatchLeavesSameDocuments() {
        List<DomainEventMessage<IncidentEvent>> batch = deliver(reported(ID, "carol", minute(0)),
                reported("INC-8", "dave", minute(1)),
                assigned(ID, "NETWORK", "bob", minute(2)),
                workNote("INC-8", "called back", minute(3)),
                accepted(ID, "NETWORK", "bob", minute(4)));
        List<Document> trails = storedTrails();

        batches.deliverBatch(batch);

        assertThat(storedTrails()).isEqualTo(trails);
        assertThat(trails).hasSize(2);
        assertThat(entryCount()).isEqualTo(5);
    }

    @Test
    void partlyWrittenBatchRedeliveredLeavesSameDocuments() {
        deliver(reported(ID, "carol", minute(0)), reported("INC-8", "dave", minute(1)));
        Document otherTrailBefore = template.getCollection(AuditTrailCollection.NAME)
                .find(new Document("_id", "INC-8")).first();
        List<DomainEventMessage<IncidentEvent>> batch = deliver(assigned(ID, "NETWORK", "bob", minute(2)),
                workNote("INC-8", "called back", minute(3)),
                accepted(ID, "NETWORK", "bob", minute(4)));
        List<Document> trails = storedTrails();
        // An unordered bulk write that failed after replacing the trail of INC-7 and before replacing that of INC-8.
        template.getCollection(AuditTrailCollection.NAME)
                .replaceOne(new Document("_id", "INC-8"), otherTrailBefore);

        batches.deliverBatch(batch);

        assertThat(storedTrails()).isEqualTo(trails);
        assertThat(entryCount()).isEqualTo(5);
    }

    @Test
    void rejectedEventDiscardsWholeBatch() {
        List<DomainEventMessage<IncidentEvent>> batch = List.of(
                message(reported("INC-8", "dave", minute(0)), 0),
                message(assigned(ID, "NETWORK", "bob", minute(1)), 1));

        assertThatThrownBy(() -> batches.deliverBatch(batch)).isInstanceOf(IllegalStateException.class);

        assertThat(storedTrails()).isEmpty();
    }

    @Test
    void entryCountMatchesEntries() {
        deliver(reported(ID, "carol", minute(0)), assigned(ID, "NETWORK", "bob", minute(1)));
        deliver(accepted(ID, "NETWORK", "bob", minute(2)));

        Document trail = storedTrails().get(0);
        assertThat(trail.getInteger(AuditTrailCollection.ENTRY_COUNT)).isEqualTo(3);
        assertThat(trail.getList("entries", Document.class)).hasSize(3);
    }

    @Test
    void eventWithoutAuditStateIsRejected() {
        assertThatThrownBy(() -> deliverAt(assigned(ID, "NETWORK", "bob", minute(1)), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ID)
                .hasMessageContaining("audit-trail");
        assertThat(entryCount()).isZero();
    }

    @Test
    void replayAfterResetRebuildsSameEntries() {
        List<IncidentEvent> events = List.of(
                reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                reassigned(ID, "NETWORK", "bob", "DATABASE", null, IncidentState.ASSIGNED, 1, minute(2)));
        deliver(events.toArray(IncidentEvent[]::new));
        List<AuditEntry> live = history();

        projection.reset();
        batches.restartNumbering();
        deliver(events.toArray(IncidentEvent[]::new));

        assertThat(history()).isEqualTo(live);
    }

    @Test
    void resetClearsTrails() {
        deliver(reported(ID, "carol", minute(0)), assigned(ID, "NETWORK", "bob", minute(1)));

        projection.reset();

        assertThat(storedTrails()).isEmpty();
        assertThat(history()).isEmpty();
    }
}
