package dev.incidents.query.statistics;

import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.cancelled;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reassigned;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.returnedToServiceDesk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.query.FetchStatisticsQuery;
import dev.incidents.api.query.IncidentStatistics;
import dev.incidents.query.audit.AuditTrailCollection;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ProjectedIncidents;
import dev.incidents.query.testing.TestCallers;

class StatisticsQueryHandlerTest {

    private static final Caller AUDITOR = TestCallers.auditor("audrey");

    private static InMemoryMongo mongo;

    private ProjectedIncidents incidents;
    private StatisticsQueryHandler statistics;

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
        incidents = new ProjectedIncidents(mongo.template());
        statistics = new StatisticsQueryHandler(mongo.template());
    }

    @Test
    void emptyReadModelsGiveZeros() {
        IncidentStatistics figures = statistics.handle(new FetchStatisticsQuery(AUDITOR));

        assertThat(figures.incidents()).isZero();
        assertThat(figures.byState()).hasSize(IncidentState.values().length).allSatisfy(
                (state, count) -> assertThat(count).isZero());
        assertThat(figures.reassignments()).isZero();
        assertThat(figures.reopens()).isZero();
        assertThat(figures.auditEntries()).isZero();
    }

    @Test
    void figuresSumSummaryCounts() {
        incidents.apply(
                reported("NEW-1", "carol", minute(0)),
                reported("PINGPONG", "carol", minute(1)),
                assigned("PINGPONG", "NETWORK", null, minute(2)),
                reassigned("PINGPONG", "NETWORK", null, "DATABASE", null, IncidentState.ASSIGNED, 1, minute(3)),
                reassigned("PINGPONG", "DATABASE", null, "NETWORK", null, IncidentState.ASSIGNED, 2, minute(4)),
                returnedToServiceDesk("PINGPONG", "NETWORK", null, 3, minute(5)),
                reported("REOPENED", "carol", minute(6)),
                assigned("REOPENED", "NETWORK", "bob", minute(7)),
                accepted("REOPENED", "NETWORK", "bob", minute(8)),
                resolved("REOPENED", "NETWORK", "bob", minute(9)),
                reopened("REOPENED", "NETWORK", IncidentState.RESOLVED, 1, minute(10)),
                resolved("REOPENED", "NETWORK", "bob", minute(11)),
                reopened("REOPENED", "NETWORK", IncidentState.RESOLVED, 2, minute(12)),
                accepted("REOPENED", "NETWORK", "bob", minute(13)),
                reported("CANCELLED", "carol", minute(14)),
                assigned("CANCELLED", "NETWORK", null, minute(15)),
                reassigned("CANCELLED", "NETWORK", null, "DATABASE", null, IncidentState.ASSIGNED, 1, minute(16)),
                cancelled("CANCELLED", IncidentState.ASSIGNED, minute(17)));
        mongo.template().getCollection(AuditTrailCollection.NAME).insertMany(List.of(
                new Document("_id", "PINGPONG").append(AuditTrailCollection.ENTRY_COUNT, 2),
                new Document("_id", "REOPENED").append(AuditTrailCollection.ENTRY_COUNT, 3)));

        IncidentStatistics figures = statistics.handle(new FetchStatisticsQuery(AUDITOR));

        assertThat(figures.incidents()).isEqualTo(4);
        assertThat(figures.byState()).containsExactlyInAnyOrderEntriesOf(Map.of(
                IncidentState.NEW, 1L,
                IncidentState.ASSIGNED, 1L,
                IncidentState.IN_PROGRESS, 1L,
                IncidentState.PENDING, 0L,
                IncidentState.RESOLVED, 0L,
                IncidentState.CLOSED, 0L,
                IncidentState.CANCELLED, 1L));
        assertThat(figures.reassignments()).isEqualTo(4);
        assertThat(figures.reassignedIncidents()).isEqualTo(2);
        assertThat(figures.reopens()).isEqualTo(2);
        assertThat(figures.reopenedIncidents()).isEqualTo(1);
        assertThat(figures.auditEntries()).isEqualTo(5);
    }
}
