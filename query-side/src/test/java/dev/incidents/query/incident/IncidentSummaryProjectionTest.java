package dev.incidents.query.incident;

import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import dev.incidents.query.queue.QueueUpdates;
import static dev.incidents.query.testing.ProjectionBatches.message;
import static dev.incidents.query.testing.TestEvents.SERVICE_DESK;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.cancelled;
import static dev.incidents.query.testing.TestEvents.classified;
import static dev.incidents.query.testing.TestEvents.closed;
import static dev.incidents.query.testing.TestEvents.closureRevoked;
import static dev.incidents.query.testing.TestEvents.escalated;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.ownershipTransferred;
import static dev.incidents.query.testing.TestEvents.pended;
import static dev.incidents.query.testing.TestEvents.reassigned;
import static dev.incidents.query.testing.TestEvents.released;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.resolutionRejected;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.resumed;
import static dev.incidents.query.testing.TestEvents.returnedToServiceDesk;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.EscalationKind;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.query.FetchIncidentSummaryQuery;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ProjectionBatches;
import dev.incidents.query.testing.TestCallers;

class IncidentSummaryProjectionTest {

    private static final Caller AUDITOR = TestCallers.auditor("audrey");

    private static final String ID = "INC-1";

    private static InMemoryMongo mongo;

    private MongoTemplate template;
    private IncidentSummaryProjection projection;
    private IncidentQueryHandler queries;
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
        projection = new IncidentSummaryProjection(template,
                new QueueUpdates(SimpleQueryUpdateEmitter.builder().build(), "SERVICE-DESK"));
        queries = new IncidentQueryHandler(template);
        batches = new ProjectionBatches(projection);
    }

    /** Delivers the events as one batch, numbering each incident's events on from 0 as the aggregate does. */
    private List<DomainEventMessage<IncidentEvent>> deliver(IncidentEvent... events) {
        return batches.deliver(events);
    }

    private List<Document> storedSummaries() {
        return template.getCollection(IncidentSummaryCollection.NAME).find().sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    private IncidentSummary summary() {
        return queries.handle(new FetchIncidentSummaryQuery(new IncidentId(ID), AUDITOR)).orElseThrow();
    }

    @Test
    void reportCreatesNewSummary() {
        deliver(reported(ID, "carol", Impact.HIGH, Urgency.MEDIUM, minute(0)));

        IncidentSummary summary = summary();
        assertThat(summary.incidentId()).isEqualTo(new IncidentId(ID));
        assertThat(summary.state()).isEqualTo(IncidentState.NEW);
        assertThat(summary.summary()).isEqualTo("VPN drops every few minutes");
        assertThat(summary.requester()).isEqualTo(new UserId("carol"));
        assertThat(summary.category()).isEqualTo("network");
        assertThat(summary.impact()).isEqualTo(Impact.HIGH);
        assertThat(summary.urgency()).isEqualTo(Urgency.MEDIUM);
        assertThat(summary.priority()).isEqualTo(Priority.P2_HIGH);
        assertThat(summary.ownerGroup()).isEqualTo(new SupportGroupId(SERVICE_DESK));
        assertThat(summary.assignedGroup()).isNull();
        assertThat(summary.assignee()).isNull();
        assertThat(summary.reassignmentCount()).isZero();
        assertThat(summary.reopenCount()).isZero();
        assertThat(summary.reportedAt()).isEqualTo(minute(0));
        assertThat(summary.lastOccurredAt()).isEqualTo(minute(0));
        assertThat(summary.lastSequence()).isZero();
        assertThat(summary.version()).isZero();
    }

    @Test
    void unknownIncidentHasNoSummary() {
        assertThat(queries.handle(new FetchIncidentSummaryQuery(new IncidentId("INC-404"), AUDITOR))).isEmpty();
    }

    @Test
    void classificationChangesPriority() {
        deliver(reported(ID, "carol", minute(0)),
                classified(ID, "hardware", Impact.HIGH, Urgency.HIGH, minute(5)));

        IncidentSummary summary = summary();
        assertThat(summary.category()).isEqualTo("hardware");
        assertThat(summary.impact()).isEqualTo(Impact.HIGH);
        assertThat(summary.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(summary.priority()).isEqualTo(Priority.P1_CRITICAL);
        assertThat(summary.state()).isEqualTo(IncidentState.NEW);
        assertThat(summary.lastOccurredAt()).isEqualTo(minute(5));
    }

    @Test
    void assignmentAndAcceptanceStartWork() {
        deliver(reported(ID, "carol", minute(0)), assigned(ID, "NETWORK", null, minute(1)));

        assertThat(summary().state()).isEqualTo(IncidentState.ASSIGNED);
        assertThat(summary().assignedGroup()).isEqualTo(new SupportGroupId("NETWORK"));
        assertThat(summary().assignee()).isNull();

        deliver(accepted(ID, "NETWORK", "bob", minute(2)));

        assertThat(summary().state()).isEqualTo(IncidentState.IN_PROGRESS);
        assertThat(summary().assignee()).isEqualTo(new UserId("bob"));
        assertThat(summary().version()).isEqualTo(2);
    }

    @Test
    void reassignmentTakesCountFromEvent() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                reassigned(ID, "NETWORK", "bob", "DATABASE", "dave", IncidentState.IN_PROGRESS, 3, minute(3)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.ASSIGNED);
        assertThat(summary.assignedGroup()).isEqualTo(new SupportGroupId("DATABASE"));
        assertThat(summary.assignee()).isEqualTo(new UserId("dave"));
        assertThat(summary.reassignmentCount()).isEqualTo(3);
    }

    @Test
    void reassignmentOfResolvedIncidentStaysResolved() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                resolved(ID, "NETWORK", "bob", minute(3)),
                reassigned(ID, "NETWORK", "bob", "DATABASE", null, IncidentState.RESOLVED, 1, minute(4)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(summary.assignedGroup()).isEqualTo(new SupportGroupId("DATABASE"));
        assertThat(summary.assignee()).isNull();
        assertThat(summary.resolvedAt()).isEqualTo(minute(3));
        assertThat(summary.reassignmentCount()).isEqualTo(1);
    }

    @Test
    void serviceDeskResolutionIsFirstContact() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, SERVICE_DESK, "alice", minute(1)),
                resolved(ID, SERVICE_DESK, "alice", minute(5)));

        assertThat(summary().firstContactResolution()).isTrue();
    }

    @Test
    void unresolvedIncidentHasNoFirstContactVerdict() {
        deliver(reported(ID, "carol", minute(0)));

        assertThat(summary().firstContactResolution()).isNull();
    }

    /**
     * Reported 09:00, routed to NET 09:05, returned 09:20, sent to NET again 09:30, moved to DB 10:00 and resolved by
     * DB 11:00. Three reassignments, owned by the service desk throughout, and no first-contact resolution.
     */
    @Test
    void routedIncidentIsNoFirstContactResolution() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NET", null, minute(5)),
                returnedToServiceDesk(ID, "NET", null, 1, minute(20)),
                reassigned(ID, SERVICE_DESK, null, "NET", null, IncidentState.ASSIGNED, 2, minute(30)),
                reassigned(ID, "NET", null, "DB", null, IncidentState.ASSIGNED, 3, minute(60)),
                resolved(ID, "DB", "dora", minute(120)));

        IncidentSummary summary = summary();
        assertThat(summary.reassignmentCount()).isEqualTo(3);
        assertThat(summary.ownerGroup()).isEqualTo(new SupportGroupId(SERVICE_DESK));
        assertThat(summary.firstContactResolution()).isFalse();
    }

    @Test
    void reopenEndsFirstContactResolution() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, SERVICE_DESK, "alice", minute(1)),
                resolved(ID, SERVICE_DESK, "alice", minute(5)),
                reopened(ID, SERVICE_DESK, IncidentState.RESOLVED, 1, minute(9)),
                resolved(ID, SERVICE_DESK, "alice", minute(12)));

        assertThat(summary().firstContactResolution()).isFalse();
    }

    @Test
    void returnToServiceDeskCountsAsReassignment() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                returnedToServiceDesk(ID, "NETWORK", "bob", 1, minute(2)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.ASSIGNED);
        assertThat(summary.assignedGroup()).isEqualTo(new SupportGroupId(SERVICE_DESK));
        assertThat(summary.assignee()).isNull();
        assertThat(summary.reassignmentCount()).isEqualTo(1);
    }

    @Test
    void releaseKeepsGroupAndClearsAssignee() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                released(ID, "NETWORK", "bob", IncidentState.IN_PROGRESS, minute(3)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.ASSIGNED);
        assertThat(summary.assignedGroup()).isEqualTo(new SupportGroupId("NETWORK"));
        assertThat(summary.assignee()).isNull();
        assertThat(summary.reassignmentCount()).isZero();
    }

    @Test
    void workNoteOnlyMovesSequence() {
        deliver(reported(ID, "carol", minute(0)), assigned(ID, "NETWORK", "bob", minute(1)));
        IncidentSummary before = summary();

        deliver(workNote(ID, "rebooted the router", minute(2)));

        IncidentSummary after = summary();
        assertThat(after.state()).isEqualTo(before.state());
        assertThat(after.assignee()).isEqualTo(before.assignee());
        assertThat(after.lastSequence()).isEqualTo(2);
        assertThat(after.lastOccurredAt()).isEqualTo(minute(2));
    }

    @Test
    void pendAndResumeSwitchState() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                pended(ID, minute(3)));

        assertThat(summary().state()).isEqualTo(IncidentState.PENDING);

        deliver(resumed(ID, minute(4)));

        assertThat(summary().state()).isEqualTo(IncidentState.IN_PROGRESS);
        assertThat(summary().assignee()).isEqualTo(new UserId("bob"));
    }

    @Test
    void functionalEscalationMovesToGroup() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                escalated(ID, EscalationKind.FUNCTIONAL, "NETWORK", "NETWORK-TIER3", minute(3)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.ASSIGNED);
        assertThat(summary.assignedGroup()).isEqualTo(new SupportGroupId("NETWORK-TIER3"));
        assertThat(summary.assignee()).isNull();
        assertThat(summary.reassignmentCount()).isZero();
    }

    @Test
    void hierarchicalEscalationChangesNoField() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                escalated(ID, EscalationKind.HIERARCHICAL, "NETWORK", "NETWORK-MANAGERS", minute(3)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.IN_PROGRESS);
        assertThat(summary.assignedGroup()).isEqualTo(new SupportGroupId("NETWORK"));
        assertThat(summary.assignee()).isEqualTo(new UserId("bob"));
        assertThat(summary.lastSequence()).isEqualTo(3);
    }

    @Test
    void resolveAndRejectResolution() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                resolved(ID, "NETWORK", "bob", minute(3)));

        assertThat(summary().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(summary().resolvedAt()).isEqualTo(minute(3));

        deliver(resolutionRejected(ID, "NETWORK", minute(4)));

        assertThat(summary().state()).isEqualTo(IncidentState.IN_PROGRESS);
        assertThat(summary().assignedGroup()).isEqualTo(new SupportGroupId("NETWORK"));
        assertThat(summary().resolvedAt()).isNull();
    }

    @Test
    void reopenTakesCountFromEvent() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                resolved(ID, "NETWORK", "bob", minute(3)),
                reopened(ID, "NETWORK", IncidentState.RESOLVED, 2, minute(4)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.ASSIGNED);
        assertThat(summary.assignedGroup()).isEqualTo(new SupportGroupId("NETWORK"));
        assertThat(summary.assignee()).isNull();
        assertThat(summary.reopenCount()).isEqualTo(2);
        assertThat(summary.resolvedAt()).isNull();
    }

    @Test
    void closeAndRevokeClosure() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                resolved(ID, "NETWORK", "bob", minute(3)),
                closed(ID, minute(4)));

        assertThat(summary().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(summary().closedAt()).isEqualTo(minute(4));

        deliver(closureRevoked(ID, minute(5)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(summary.closedAt()).isNull();
        assertThat(summary.resolvedAt()).isEqualTo(minute(3));
        assertThat(summary.reopenCount()).isZero();
    }

    @Test
    void reopenAfterClosureClearsTimestamps() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                resolved(ID, "NETWORK", "bob", minute(2)),
                closed(ID, minute(3)),
                reopened(ID, "NETWORK", IncidentState.CLOSED, 1, minute(4)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.ASSIGNED);
        assertThat(summary.closedAt()).isNull();
        assertThat(summary.resolvedAt()).isNull();
        assertThat(summary.reopenCount()).isEqualTo(1);
    }

    @Test
    void cancelEndsIncident() {
        deliver(reported(ID, "carol", minute(0)), cancelled(ID, IncidentState.NEW, minute(1)));

        assertThat(summary().state()).isEqualTo(IncidentState.CANCELLED);
    }

    @Test
    void ownershipTransferChangesOwner() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                ownershipTransferred(ID, SERVICE_DESK, "EMEA-DESK", minute(2)));

        IncidentSummary summary = summary();
        assertThat(summary.ownerGroup()).isEqualTo(new SupportGroupId("EMEA-DESK"));
        assertThat(summary.assignedGroup()).isEqualTo(new SupportGroupId("NETWORK"));
        assertThat(summary.state()).isEqualTo(IncidentState.ASSIGNED);
    }

    @Test
    void redeliveredEventChangesNothing() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                reassigned(ID, "NETWORK", "bob", "DATABASE", "dave", IncidentState.ASSIGNED, 1, minute(2)));
        IncidentSummary before = summary();

        batches.deliverBatch(List.of(
                message(reassigned(ID, "NETWORK", "bob", "DATABASE", "dave", IncidentState.ASSIGNED, 1, minute(2)), 2)));
        batches.deliverBatch(List.of(message(assigned(ID, "NETWORK", "bob", minute(1)), 1)));
        batches.deliverBatch(List.of(message(reported(ID, "carol", minute(0)), 0)));

        assertThat(summary()).isEqualTo(before);
        assertThat(template.getCollection(IncidentSummaryCollection.NAME).countDocuments()).isEqualTo(1);
    }

    @Test
    void redeliveredBatchLeavesSameDocuments() {
        List<DomainEventMessage<IncidentEvent>> batch = deliver(reported(ID, "carol", minute(0)),
                reported("INC-2", "erin", minute(1)),
                assigned(ID, "NETWORK", "bob", minute(2)),
                accepted(ID, "NETWORK", "bob", minute(3)),
                assigned("INC-2", "DATABASE", null, minute(4)));
        List<Document> stored = storedSummaries();

        batches.deliverBatch(batch);

        assertThat(storedSummaries()).isEqualTo(stored);
        assertThat(stored).hasSize(2);
    }

    @Test
    void overlappingBatchAppliesOnlyNewEvents() {
        List<DomainEventMessage<IncidentEvent>> first = deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)));
        List<DomainEventMessage<IncidentEvent>> second = deliver(accepted(ID, "NETWORK", "bob", minute(2)),
                resolved(ID, "NETWORK", "bob", minute(3)));
        List<Document> stored = storedSummaries();
        projection.reset();

        batches.deliverBatch(first);
        batches.deliverBatch(List.of(first.get(1), second.get(0), second.get(1)));

        assertThat(storedSummaries()).isEqualTo(stored);
        assertThat(summary().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(summary().lastSequence()).isEqualTo(3);
    }

    @Test
    void oneBatchAppliesEventsInOrder() {
        deliver(reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                reassigned(ID, "NETWORK", "bob", "DATABASE", "dave", IncidentState.ASSIGNED, 1, minute(2)),
                accepted(ID, "DATABASE", "dave", minute(3)));

        IncidentSummary summary = summary();
        assertThat(summary.state()).isEqualTo(IncidentState.IN_PROGRESS);
        assertThat(summary.assignedGroup()).isEqualTo(new SupportGroupId("DATABASE"));
        assertThat(summary.reassignmentCount()).isEqualTo(1);
        assertThat(summary.lastSequence()).isEqualTo(3);
    }

    @Test
    void eventWithoutReportedSummaryIsRejected() {
        assertThatThrownBy(() -> batches.deliverBatch(List.of(message(assigned(ID, "NETWORK", "bob", minute(1)), 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ID)
                .hasMessageContaining("incident-summary");
    }

    @Test
    void rejectedEventDiscardsWholeBatch() {
        List<DomainEventMessage<IncidentEvent>> batch = List.of(
                message(reported("INC-2", "erin", minute(0)), 0),
                message(assigned(ID, "NETWORK", "bob", minute(1)), 1),
                message(assigned("INC-2", "NETWORK", null, minute(2)), 1));

        assertThatThrownBy(() -> batches.deliverBatch(batch)).isInstanceOf(IllegalStateException.class);

        assertThat(storedSummaries()).isEmpty();
    }

    @Test
    void timestampsAreTruncatedToMilliseconds() {
        deliver(reported(ID, "carol", minute(0).plusMillis(123).plusNanos(456_789)));

        assertThat(summary().reportedAt()).isEqualTo(minute(0).plusMillis(123));
    }

    @Test
    void replayAfterResetRebuildsSameSummary() {
        List<IncidentEvent> events = List.of(
                reported(ID, "carol", minute(0)),
                assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(2)),
                resolved(ID, "NETWORK", "bob", minute(3)),
                reopened(ID, "NETWORK", IncidentState.RESOLVED, 1, minute(4)));
        deliver(events.toArray(IncidentEvent[]::new));
        IncidentSummary live = summary();

        projection.reset();
        batches.restartNumbering();
        deliver(events.toArray(IncidentEvent[]::new));

        assertThat(summary()).isEqualTo(live);
    }

    @Test
    void resetClearsSummaries() {
        deliver(reported(ID, "carol", minute(0)), reported("INC-2", "carol", minute(1)));

        projection.reset();

        assertThat(template.getCollection(IncidentSummaryCollection.NAME).countDocuments()).isZero();
        assertThat(queries.handle(new FetchIncidentSummaryQuery(new IncidentId(ID), AUDITOR))).isEmpty();
    }

    @Test
    void activeCopyFollowsOpenIncidents() {
        deliver(reported(ID, "carol", minute(0)), reported("INC-2", "dan", minute(1)),
                assigned(ID, "NETWORK", null, minute(2)), closed("INC-2", minute(3)));

        assertThat(activeIds()).containsExactly(ID);
        assertThat(activeCopy(ID)).isEqualTo(storedSummary(ID));
    }

    @Test
    void cancelledIncidentLeavesActiveCopy() {
        deliver(reported(ID, "carol", minute(0)));
        deliver(cancelled(ID, IncidentState.NEW, minute(1)));

        assertThat(activeIds()).isEmpty();
        assertThat(storedSummaries()).hasSize(1);
    }

    @Test
    void missingActiveCopyIsFilledFromSummaries() {
        deliver(reported(ID, "carol", minute(0)), reported("INC-2", "dan", minute(1)), closed("INC-2", minute(2)));
        template.dropCollection(ActiveIncidentSummaries.NAME);

        long copied = ActiveIncidentSummaries.create(template);

        assertThat(copied).isEqualTo(1);
        assertThat(activeIds()).containsExactly(ID);
        assertThat(activeCopy(ID)).isEqualTo(storedSummary(ID));
    }

    @Test
    void existingActiveCopyIsNotFilledAgain() {
        deliver(reported(ID, "carol", minute(0)));
        template.remove(new Query(), ActiveIncidentSummaries.NAME);

        long copied = ActiveIncidentSummaries.create(template);

        assertThat(copied).isZero();
        assertThat(activeIds()).isEmpty();
    }

    private List<String> activeIds() {
        return template.getCollection(ActiveIncidentSummaries.NAME).find().sort(new Document("_id", 1))
                .map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    private Document activeCopy(String id) {
        return template.getCollection(ActiveIncidentSummaries.NAME).find(new Document("_id", id)).first();
    }

    private Document storedSummary(String id) {
        return template.getCollection(IncidentSummaryCollection.NAME).find(new Document("_id", id)).first();
    }
}
