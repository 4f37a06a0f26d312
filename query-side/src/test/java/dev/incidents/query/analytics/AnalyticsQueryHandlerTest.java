package dev.incidents.query.analytics;

import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.closed;
import static dev.incidents.query.testing.TestEvents.reassigned;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.sla.ServiceLevelProjections;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ProjectionBatches;
import dev.incidents.query.testing.ServiceLevelEvents;
import dev.incidents.query.testing.TestCallers;
import dev.incidents.query.testing.TestEvents;

/**
 * Computes every metric over a small set of incidents projected by the real service level projection. The comments work out
 * the expected figures by hand. The calendar is open around the clock, so business time equals wall-clock time for
 * incidents with terms.
 *
 * <pre>
 * id  reported (UTC)     prio cat     terms  history
 * G   Mon 10 Feb 10:00   P3   network yes    assigned NET 10:10, never accepted
 * A   Mon  3 Mar 09:00   P3   network yes    NET 09:10, accepted 09:20, resolved 11:00, closed 12:00
 * B   Mon  3 Mar 10:00   P2   network yes    NET 10:00, DB 10:20, NET 10:40, accepted 11:00, resolved 15:00,
 *                                            reopened 15:30, resolved 16:00
 * C   Tue 11 Mar 08:00   P3   email   yes    SERVICE-DESK 08:05, accepted 08:10, resolved by the desk 08:40
 * D   Wed 12 Mar 09:00   P3   network no     NET 09:00, accepted 10:00
 * E   Fri 14 Mar 12:00   P3   email   yes    DB 12:00, never accepted
 * F   Mon 17 Mar 06:00   P4   email   yes    never assigned
 * </pre>
 * Terms: response 30 minutes, resolution 240 minutes for every priority.
 */
class AnalyticsQueryHandlerTest {

    private static final ServiceLevelTerms TERMS = ServiceLevelEvents.terms(1, Instant.parse("2025-01-01T00:00:00Z"),
            Duration.ofMinutes(30), Duration.ofMinutes(240));
    private static final Caller ANALYST = TestCallers.caller("ana", Set.of(Role.ANALYST), List.of(), Set.of());
    private static final Caller NET_MANAGER = TestCallers.manager("mona", "NET", "NET");
    private static final AnalyticsFilter MARCH = new AnalyticsFilter(Instant.parse("2025-03-01T00:00:00Z"),
            Instant.parse("2025-04-01T00:00:00Z"), null, null, null);
    private static final AnalyticsFilter ALL = new AnalyticsFilter(null, null, null, null, null);

    private static InMemoryMongo mongo;

    private AnalyticsQueryHandler analytics;

    @BeforeAll
    static void startMongo() {
        mongo = InMemoryMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void projectIncidents() {
        mongo.clear();
        MongoTemplate template = mongo.template();
        analytics = new AnalyticsQueryHandler(template, Clock.fixed(t("2025-03-17T12:00"), ZoneOffset.UTC));
        ProjectionBatches batches = new ServiceLevelProjections(template).batches();
        batches.deliver(
                reported("G", Impact.MEDIUM, "network", "2025-02-10T10:00"),
                assigned("G", "NET", null, t("2025-02-10T10:10")),

                reported("A", Impact.MEDIUM, "network", "2025-03-03T09:00"),
                assigned("A", "NET", null, t("2025-03-03T09:10")),
                accepted("A", "NET", "sam", t("2025-03-03T09:20")),
                resolved("A", "NET", "sam", t("2025-03-03T11:00")),
                closed("A", t("2025-03-03T12:00")),

                reported("B", Impact.HIGH, "network", "2025-03-03T10:00"),
                assigned("B", "NET", null, t("2025-03-03T10:00")),
                reassigned("B", "NET", null, "DB", null, IncidentState.ASSIGNED, 1, t("2025-03-03T10:20")),
                reassigned("B", "DB", null, "NET", null, IncidentState.ASSIGNED, 2, t("2025-03-03T10:40")),
                accepted("B", "NET", "sam", t("2025-03-03T11:00")),
                resolved("B", "NET", "sam", t("2025-03-03T15:00")),
                reopened("B", "NET", IncidentState.RESOLVED, 1, t("2025-03-03T15:30")),
                resolved("B", "NET", "sam", t("2025-03-03T16:00")),

                reported("C", Impact.MEDIUM, "email", "2025-03-11T08:00"),
                assigned("C", TestEvents.SERVICE_DESK, null, t("2025-03-11T08:05")),
                accepted("C", TestEvents.SERVICE_DESK, "alice", t("2025-03-11T08:10")),
                resolved("C", TestEvents.SERVICE_DESK, "alice", t("2025-03-11T08:40")),

                TestEvents.reported("D", "carol", t("2025-03-12T09:00")),
                assigned("D", "NET", null, t("2025-03-12T09:00")),
                accepted("D", "NET", "sam", t("2025-03-12T10:00")),

                reported("E", Impact.MEDIUM, "email", "2025-03-14T12:00"),
                assigned("E", "DB", null, t("2025-03-14T12:00")),

                ServiceLevelEvents.reported("F", Impact.LOW, Urgency.MEDIUM, "email", TERMS, t("2025-03-17T06:00")));
    }

    private static Instant t(String minute) {
        return Instant.parse(minute + ":00Z");
    }

    /** An incident with {@link #TERMS}; urgency MEDIUM, so impact MEDIUM gives P3 and HIGH gives P2. */
    private static IncidentReported reported(String id, Impact impact, String category,
                                                                        String at) {
        return ServiceLevelEvents.reported(id, impact, Urgency.MEDIUM, category, TERMS, t(at));
    }

    private AnalyticsReport report(AnalyticsMetric metric, AnalyticsFilter filter, AnalyticsGrouping groupBy,
                                   Instant asOf, Caller caller) {
        return analytics.handle(new FetchAnalyticsQuery(metric, filter, groupBy, asOf, caller));
    }

    private <F> F only(AnalyticsReport report, Class<F> type) {
        assertThat(report.buckets()).hasSize(1);
        return type.cast(report.buckets().get(0).figures());
    }

    @Test
    void serviceLevelComplianceOfMarch() {
        ServiceLevelFigures figures = only(report(AnalyticsMetric.SERVICE_LEVELS, MARCH, null, null, ANALYST),
                ServiceLevelFigures.class);

        // March: A, B, C, E, F have terms, D has none. Response: A 10 min met, B 60 min breached, C 5 min met;
        // E runs and F has not started. Resolution: A 120 met, B 300 + 30 = 330 breached, C 40 met.
        assertThat(figures.incidentsWithTerms()).isEqualTo(5);
        assertThat(figures.incidentsWithoutTerms()).isEqualTo(1);
        assertThat(figures.response()).isEqualTo(new ServiceLevelFigures.Compliance(2, 1, 66.7));
        assertThat(figures.resolution()).isEqualTo(new ServiceLevelFigures.Compliance(2, 1, 66.7));
        // Stints, 30 minutes each: A's NET 10 min met; B's NET and DB handed on, NET again 20 min met, and the
        // NET stint its reopen at 15:30 starts ends unaccepted at the resolution at 16:00, 30 minutes, breached;
        // C's desk 5 min met; E's DB still runs.
        assertThat(figures.stints()).isEqualTo(new ServiceLevelFigures.StintCompliance(3, 1, 2, 75.0));
    }

    @Test
    void serviceLevelsByPriority() {
        AnalyticsReport report = report(AnalyticsMetric.SERVICE_LEVELS, MARCH, AnalyticsGrouping.PRIORITY, null,
                ANALYST);

        // P2: B breached both. P3: A, C met both, D has no terms, E runs. P4: F decided nothing.
        assertThat(report.buckets()).extracting(AnalyticsReport.Bucket::key, AnalyticsReport.Bucket::incidents)
                .containsExactly(tuple("P2_HIGH", 1L),
                        tuple("P3_MODERATE", 4L),
                        tuple("P4_LOW", 1L));
        assertThat(((ServiceLevelFigures) report.buckets().get(0).figures()).response().compliancePercent())
                .isEqualTo(0.0);
        assertThat(((ServiceLevelFigures) report.buckets().get(1).figures()).resolution())
                .isEqualTo(new ServiceLevelFigures.Compliance(2, 0, 100.0));
        assertThat(((ServiceLevelFigures) report.buckets().get(2).figures()).resolution().compliancePercent())
                .isNull();
    }

    @Test
    void timesUseNearestRank() {
        TimeFigures figures = only(report(AnalyticsMetric.TIMES, MARCH, null, null, ANALYST), TimeFigures.class);

        // Accept, wall-clock: C 10, A 20, B 60, D 60. Mean 150 / 4 = 37.5; median rank ceil(0.5 x 4) = 2: 20;
        // 90th percentile rank ceil(0.9 x 4) = 4: 60.
        assertThat(figures.accept().wallClock()).isEqualTo(new Distribution(4, 37.5, 20.0, 60.0));
        // Accept, business: D has no terms. C 10, A 20, B 60: mean 30, rank 2: 20, rank ceil(2.7) = 3: 60.
        assertThat(figures.accept().business()).isEqualTo(new Distribution(3, 30.0, 20.0, 60.0));
        // Resolve: C 40, A 120, B 360 (report to the latest resolution). Mean 520 / 3 = 173.3.
        assertThat(figures.resolve().wallClock()).isEqualTo(new Distribution(3, 173.3, 120.0, 360.0));
        assertThat(figures.resolve().business()).isEqualTo(new Distribution(3, 173.3, 120.0, 360.0));
    }

    @Test
    void backlogByAge() {
        BacklogFigures figures = only(report(AnalyticsMetric.BACKLOG, ALL, null, null, ANALYST),
                BacklogFigures.class);

        // At Mon 17 Mar 12:00 (the handler's clock): F 6 hours old, E exactly 3 days, D 5 days 3 hours,
        // G 35 days 2 hours. A and C are resolved, B resolved again.
        assertThat(figures.open()).isEqualTo(4);
        assertThat(figures.ages()).extracting(BacklogFigures.AgeBucket::incidents).containsExactly(1L, 0L, 2L, 0L, 1L);
    }

    @Test
    void backlogFollowsReopens() {
        // At 15:15 on 3 March B is resolved (15:00) and not yet reopened (15:30); at 15:45 it is open again.
        BacklogFigures beforeReopen = only(report(AnalyticsMetric.BACKLOG, ALL, null, t("2025-03-03T15:15"),
                ANALYST), BacklogFigures.class);
        BacklogFigures afterReopen = only(report(AnalyticsMetric.BACKLOG, ALL, null, t("2025-03-03T15:45"),
                ANALYST), BacklogFigures.class);

        // G, 21 days old, is the only open incident at 15:15; B, 5 hours 45 minutes old, joins it.
        assertThat(beforeReopen.ages()).extracting(BacklogFigures.AgeBucket::incidents)
                .containsExactly(0L, 0L, 0L, 1L, 0L);
        assertThat(afterReopen.ages()).extracting(BacklogFigures.AgeBucket::incidents)
                .containsExactly(1L, 0L, 0L, 1L, 0L);
    }

    @Test
    void backlogCountsOnlyIncidentsReportedByAsOf() {
        AnalyticsReport beforeFirstReport = report(AnalyticsMetric.BACKLOG, ALL, null, t("2025-01-01T00:00"),
                ANALYST);
        AnalyticsReport onThirdMarch = report(AnalyticsMetric.BACKLOG, ALL, null, t("2025-03-03T15:15"), ANALYST);

        assertThat(beforeFirstReport.buckets().get(0).incidents()).isZero();
        assertThat(only(beforeFirstReport, BacklogFigures.class).open()).isZero();
        // G, A and B are reported by 15:15 on 3 March; C to F later.
        assertThat(onThirdMarch.buckets().get(0).incidents()).isEqualTo(3);
    }

    @Test
    void backlogByGroupLeavesOutLaterIncidents() {
        AnalyticsReport report = report(AnalyticsMetric.BACKLOG, ALL, AnalyticsGrouping.GROUP, t("2025-03-03T15:15"),
                ANALYST);

        // Only NET incidents (G, A, B) are reported by then, so no DB or service desk bucket appears.
        assertThat(report.buckets()).extracting(AnalyticsReport.Bucket::key).containsExactly("NET");
    }

    @Test
    void flowOfMarch() {
        FlowFigures figures = only(report(AnalyticsMetric.FLOW, MARCH, null, null, ANALYST), FlowFigures.class);

        // Six incidents; only B was reassigned (twice) and went back to NET once. A, B, C were resolved; B was
        // reopened; only C was resolved by its owner, the service desk, without leaving it.
        assertThat(figures).isEqualTo(new FlowFigures(6, 1, 2, 16.7, 1, 1, 3, 1, 1, 33.3, 1, 33.3));
    }

    @Test
    void throughputPerIsoWeek() {
        ThroughputFigures figures = only(report(AnalyticsMetric.THROUGHPUT, ALL, null, null, ANALYST),
                ThroughputFigures.class);

        // W07: G reported. W10: A and B reported and resolved, A closed. W11: C, D, E reported, C resolved.
        // W12: F reported.
        assertThat(figures.weeks()).extracting(ThroughputFigures.Week::week, ThroughputFigures.Week::reported,
                        ThroughputFigures.Week::resolved, ThroughputFigures.Week::closed)
                .containsExactly(tuple("2025-W07", 1L, 0L, 0L),
                        tuple("2025-W10", 2L, 2L, 1L),
                        tuple("2025-W11", 3L, 1L, 0L),
                        tuple("2025-W12", 1L, 0L, 0L));
        assertThat(figures.weeks().get(1).start()).isEqualTo(LocalDate.parse("2025-03-03"));
        assertThat(only(report(AnalyticsMetric.THROUGHPUT, MARCH, null, null, ANALYST), ThroughputFigures.class)
                .reported()).isEqualTo(6);
    }

    @Test
    void flowByGroup() {
        AnalyticsReport report = report(AnalyticsMetric.FLOW, MARCH, AnalyticsGrouping.GROUP, null, ANALYST);

        // E is filed under DB; A, B, D under NET; C, and F (never assigned, owned by the desk), under SERVICE-DESK.
        assertThat(report.buckets()).extracting(AnalyticsReport.Bucket::key, AnalyticsReport.Bucket::incidents)
                .containsExactly(tuple("DB", 1L),
                        tuple("NET", 3L),
                        tuple(TestEvents.SERVICE_DESK, 2L));
    }

    @Test
    void filtersByPriorityAndCategory() {
        AnalyticsFilter emailP3 = new AnalyticsFilter(null, null, null, Priority.P3_MODERATE, "email");

        FlowFigures figures = only(report(AnalyticsMetric.FLOW, emailP3, null, null, ANALYST), FlowFigures.class);

        // C and E; F is email too but P4.
        assertThat(figures.incidents()).isEqualTo(2);
    }

    @Test
    void managerCountsOnlyManagedGroups() {
        AnalyticsReport report = report(AnalyticsMetric.FLOW, ALL, null, null, NET_MANAGER);

        // G, A, B and D are filed under NET.
        assertThat(report.buckets().get(0).incidents()).isEqualTo(4);
        assertThat(report.groups()).containsExactly("NET");
        assertThatThrownBy(() -> report(AnalyticsMetric.FLOW,
                new AnalyticsFilter(null, null, "DB", null, null), null, null, NET_MANAGER))
                .hasMessageContaining("does not manage DB");
    }

    @Test
    void otherRolesAreRejected() {
        assertThatThrownBy(() -> report(AnalyticsMetric.FLOW, ALL, null, null, TestCallers.serviceDesk("alice")))
                .hasMessageContaining("has the roles SERVICE_DESK");
        assertThatThrownBy(() -> report(AnalyticsMetric.FLOW, ALL, null, null, TestCallers.auditor("audrey")))
                .hasMessageContaining("has the roles AUDITOR");
    }
}
