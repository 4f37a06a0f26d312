package dev.incidents.query.incident;

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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

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

class IncidentSummaryProjectionTest {

    private static final String ID = "INC-1";

    private static InMemoryMongo mongo;

    private MongoTemplate template;
    private IncidentSummaryProjection projection;
    private IncidentQueryHandler queries;
    private final Map<String, Long> nextSequence = new HashMap<>();

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
        projection = new IncidentSummaryProjection(template);
        queries = new IncidentQueryHandler(template);
    }

    /** Delivers events in order, numbering each incident's events from 0 as the aggregate does. */
    private void deliver(IncidentEvent... events) {
        for (IncidentEvent event : events) {
            long sequence = nextSequence.merge(event.incidentId().value(), 1L, Long::sum) - 1;
            projection.on(event, sequence);
        }
    }

    private IncidentSummary summary() {
        return queries.handle(new FetchIncidentSummaryQuery(new IncidentId(ID))).orElseThrow();
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
        assertThat(queries.handle(new FetchIncidentSummaryQuery(new IncidentId("INC-404")))).isEmpty();
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

        projection.on(reassigned(ID, "NETWORK", "bob", "DATABASE", "dave", IncidentState.ASSIGNED, 1, minute(2)), 2);
        projection.on(assigned(ID, "NETWORK", "bob", minute(1)), 1);
        projection.on(reported(ID, "carol", minute(0)), 0);

        assertThat(summary()).isEqualTo(before);
        assertThat(template.getCollection(IncidentSummaryCollection.NAME).countDocuments()).isEqualTo(1);
    }

    @Test
    void eventWithoutReportedSummaryIsRejected() {
        assertThatThrownBy(() -> projection.on(assigned(ID, "NETWORK", "bob", minute(1)), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ID)
                .hasMessageContaining("incident-summary");
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
        nextSequence.clear();
        deliver(events.toArray(IncidentEvent[]::new));

        assertThat(summary()).isEqualTo(live);
    }

    @Test
    void resetClearsSummaries() {
        deliver(reported(ID, "carol", minute(0)), reported("INC-2", "carol", minute(1)));

        projection.reset();

        assertThat(template.getCollection(IncidentSummaryCollection.NAME).countDocuments()).isZero();
        assertThat(queries.handle(new FetchIncidentSummaryQuery(new IncidentId(ID)))).isEmpty();
    }
}
