package dev.incidents.query.sla;

import static dev.incidents.query.testing.ServiceLevelEvents.breach;
import static dev.incidents.query.testing.ServiceLevelEvents.terms;
import static dev.incidents.query.testing.ServiceLevelEvents.warning;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.classified;
import static dev.incidents.query.testing.TestEvents.closed;
import static dev.incidents.query.testing.TestEvents.pended;
import static dev.incidents.query.testing.TestEvents.reassigned;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.resumed;
import static dev.incidents.query.testing.TestEvents.returnedToServiceDesk;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.api.sla.ClockOutcome;
import dev.incidents.api.sla.ClockStatus;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.api.sla.StintOutcome;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ProjectionBatches;
import dev.incidents.query.testing.ServiceLevelEvents;
import dev.incidents.query.testing.TestCallers;
import dev.incidents.query.testing.TestEvents;

class ServiceLevelProjectionTest {

    private static final Instant TEN = Instant.parse("2025-03-03T10:00:00Z");
    /** Response target 20 minutes, so the warning is due at 15 minutes (75 %). */
    private static final ServiceLevelTerms TERMS = terms(1, Instant.parse("2025-01-01T00:00:00Z"),
            Duration.ofMinutes(20), Duration.ofHours(4));
    private static final Caller MANAGER = TestCallers.manager("mona", "NET", "NET", "DB");

    private static InMemoryMongo mongo;

    private MongoTemplate template;
    private ServiceLevelProjection projection;
    private ServiceLevelQueueQueryHandler queues;
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
        projection = new ServiceLevelProjection(template);
        queues = new ServiceLevelQueueQueryHandler(template);
        batches = new ProjectionBatches(projection);
    }

    private static Instant at(int minutesAfterTen) {
        return TEN.plus(Duration.ofMinutes(minutesAfterTen));
    }

    private List<String> queue(AlertLevel level, String group) {
        return queues.handle(new FetchServiceLevelQueueQuery(level, group, 0, FetchQueuePageQuery.MAX_SIZE,
                        MANAGER)).items().stream()
                .map(item -> item.incidentId() + ":" + item.clock())
                .toList();
    }

    private ServiceLevelRecord record(String id) {
        return template.findById(id, ServiceLevelRecord.class, ServiceLevelCollection.NAME);
    }

    @Test
    void lateResponseMovesThroughQueues() {
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(-10)), assigned("INC-1", "NET", null, at(0)));
        assertThat(queue(AlertLevel.AT_RISK, "NET")).isEmpty();

        // NET's own stint has the same 20-minute target on the same calendar, so it joins the queues with the
        // response clock.
        batches.deliver(warning("INC-1", ServiceLevelClockKind.RESPONSE, TERMS, at(15)));
        assertThat(queue(AlertLevel.AT_RISK, "NET")).containsExactly("INC-1:RESPONSE",
                "INC-1:SUPPORT_GROUP_RESPONSE");
        assertThat(queue(AlertLevel.BREACHED, "NET")).isEmpty();

        batches.deliver(breach("INC-1", ServiceLevelClockKind.RESPONSE, TERMS, at(20)));
        assertThat(queue(AlertLevel.AT_RISK, "NET")).isEmpty();
        assertThat(queue(AlertLevel.BREACHED, "NET")).containsExactly("INC-1:RESPONSE",
                "INC-1:SUPPORT_GROUP_RESPONSE");

        batches.deliver(accepted("INC-1", "NET", "sam", at(22)));
        assertThat(queue(AlertLevel.AT_RISK, "NET")).isEmpty();
        assertThat(queue(AlertLevel.BREACHED, "NET")).isEmpty();

        ClockDocument response = record("INC-1").reading().response();
        assertThat(response.status()).isEqualTo(ClockStatus.STOPPED);
        assertThat(response.outcome()).isEqualTo(ClockOutcome.BREACHED);
        assertThat(Duration.ofMillis(response.elapsedMillis())).isEqualTo(Duration.ofMinutes(22));
        assertThat(response.breachAt()).isEqualTo(at(20));
    }

    @Test
    void timelyResponseNeverJoinsQueue() {
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(-10)), assigned("INC-1", "NET", null, at(0)));
        assertThat(queue(AlertLevel.AT_RISK, "NET")).isEmpty();

        batches.deliver(accepted("INC-1", "NET", "sam", at(14)));

        assertThat(queue(AlertLevel.AT_RISK, "NET")).isEmpty();
        assertThat(queue(AlertLevel.BREACHED, "NET")).isEmpty();
        ClockDocument response = record("INC-1").reading().response();
        assertThat(response.outcome()).isEqualTo(ClockOutcome.MET);
        assertThat(response.warningAt()).isNull();
        assertThat(Duration.ofMillis(response.elapsedMillis())).isEqualTo(Duration.ofMinutes(14));
    }

    @Test
    void queueShowsOnlyRequestedGroup() {
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(-10)), assigned("INC-1", "NET", null, at(0)),
                ServiceLevelEvents.reported("INC-2", TERMS, at(-10)), assigned("INC-2", "DB", null, at(0)),
                warning("INC-1", ServiceLevelClockKind.RESPONSE, TERMS, at(15)),
                warning("INC-2", ServiceLevelClockKind.RESPONSE, TERMS, at(15)));

        assertThat(queue(AlertLevel.AT_RISK, "NET")).containsExactly("INC-1:RESPONSE",
                "INC-1:SUPPORT_GROUP_RESPONSE");
        Caller desk = TestCallers.serviceDesk("alice");
        assertThat(queues.handle(new FetchServiceLevelQueueQuery(AlertLevel.AT_RISK, null, 0, 20, desk)).items())
                .extracting(item -> item.incidentId() + ":" + item.group())
                .containsExactly("INC-1:NET", "INC-1:NET", "INC-2:DB", "INC-2:DB");
    }

    @Test
    void reassignmentMovesEntriesToNewGroup() {
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(-10)), assigned("INC-1", "NET", null, at(0)),
                warning("INC-1", ServiceLevelClockKind.RESPONSE, TERMS, at(15)));

        batches.deliver(reassigned("INC-1", "NET", null, "DB", null, IncidentState.ASSIGNED, 1, at(16)));

        // NET handed the incident on, so its stint ended. The response clock keeps running from 10:00 and is
        // filed under DB now. DB's own stint started at 10:16 and is far from its warning.
        assertThat(queue(AlertLevel.AT_RISK, "NET")).isEmpty();
        assertThat(queue(AlertLevel.AT_RISK, "DB")).containsExactly("INC-1:RESPONSE");
        assertThat(record("INC-1").reading().stints()).extracting(StintDocument::group, StintDocument::outcome)
                .containsExactly(tuple("NET", StintOutcome.HANDED_ON), tuple("DB", null));
    }

    @Test
    void lateStintAloneJoinsQueue() {
        // NET accepts within the response target. DB, reassigned at 10:05, has not accepted within its 20 minutes.
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(-10)), assigned("INC-1", "NET", null, at(0)),
                accepted("INC-1", "NET", "sam", at(2)),
                reassigned("INC-1", "NET", "sam", "DB", null, IncidentState.IN_PROGRESS, 1, at(5)),
                warning("INC-1", ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, TERMS, at(20)),
                breach("INC-1", ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, TERMS, at(25)));

        assertThat(queue(AlertLevel.BREACHED, "DB")).containsExactly("INC-1:SUPPORT_GROUP_RESPONSE");
        assertThat(queue(AlertLevel.AT_RISK, "DB")).isEmpty();
    }

    @Test
    void pausedResolutionLeavesQueue() {
        // The 4-hour resolution target warns at 3 hours. The response was met, so only the resolution clock counts.
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(0)), assigned("INC-1", "NET", null, at(1)),
                accepted("INC-1", "NET", "sam", at(2)),
                warning("INC-1", ServiceLevelClockKind.RESOLUTION, TERMS, at(180)));
        assertThat(queue(AlertLevel.AT_RISK, "NET")).containsExactly("INC-1:RESOLUTION");

        batches.deliver(pended("INC-1", at(190)));
        assertThat(queue(AlertLevel.AT_RISK, "NET")).isEmpty();

        batches.deliver(resumed("INC-1", at(300)));
        assertThat(queue(AlertLevel.AT_RISK, "NET")).containsExactly("INC-1:RESOLUTION");
    }

    /** Terms whose resolution target is 1 hour for P1 and 10 hours for every other priority. */
    private static ServiceLevelTerms p1InOneHour() {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            targets.put(priority, new ServiceLevelTargets(Duration.ofMinutes(20),
                    priority == Priority.P1_CRITICAL ? Duration.ofHours(1) : Duration.ofHours(10)));
        }
        return new ServiceLevelTerms(new ServiceLevelPolicy(ServiceLevelEvents.POLICY, 1,
                Instant.parse("2025-01-01T00:00:00Z"), targets), ServiceLevelEvents.ALWAYS_OPEN, Map.of());
    }

    private List<ServiceLevelQueueItem> items(AlertLevel level) {
        return queues.handle(new FetchServiceLevelQueueQuery(level, "NET", 0, FetchQueuePageQuery.MAX_SIZE,
                MANAGER)).items();
    }

    @Test
    void breachedEntryKeepsTermsAfterDowngrade() {
        ServiceLevelTerms terms = p1InOneHour();
        batches.deliver(ServiceLevelEvents.reported("INC-1", Impact.HIGH, Urgency.HIGH, "network", terms, at(0)),
                assigned("INC-1", "NET", null, at(1)), accepted("INC-1", "NET", "sam", at(2)),
                breach("INC-1", ServiceLevelClockKind.RESOLUTION, terms, at(60)));

        batches.deliver(classified("INC-1", "network", Impact.LOW, Urgency.LOW, at(70)));

        assertThat(record("INC-1").reading().resolution().priority()).isEqualTo(Priority.P5_PLANNING);
        assertThat(items(AlertLevel.AT_RISK)).isEmpty();
        assertThat(items(AlertLevel.BREACHED)).singleElement().satisfies(item -> {
            assertThat(item.clock()).isEqualTo(ServiceLevelClockKind.RESOLUTION);
            assertThat(item.priority()).isEqualTo(Priority.P1_CRITICAL);
            assertThat(item.targetMinutes()).isEqualTo(60.0);
            assertThat(item.dueAt()).isEqualTo(at(60));
            assertThat(item.since()).isEqualTo(at(60));
        });
    }

    @Test
    void atRiskEntryKeepsTermsAfterDowngrade() {
        // P1 warns at 45 minutes (75 % of 1 hour); P5 would warn at 7.5 hours.
        ServiceLevelTerms terms = p1InOneHour();
        batches.deliver(ServiceLevelEvents.reported("INC-1", Impact.HIGH, Urgency.HIGH, "network", terms, at(0)),
                assigned("INC-1", "NET", null, at(1)), accepted("INC-1", "NET", "sam", at(2)),
                warning("INC-1", ServiceLevelClockKind.RESOLUTION, terms, at(45)));

        batches.deliver(classified("INC-1", "network", Impact.LOW, Urgency.LOW, at(50)));

        assertThat(items(AlertLevel.AT_RISK)).singleElement().satisfies(item -> {
            assertThat(item.priority()).isEqualTo(Priority.P1_CRITICAL);
            assertThat(item.targetMinutes()).isEqualTo(60.0);
            assertThat(item.dueAt()).isEqualTo(at(60));
            assertThat(item.since()).isEqualTo(at(45));
        });
    }

    @Test
    void reopenedBreachJoinsAgainAtReopen() {
        ServiceLevelTerms terms = p1InOneHour();
        batches.deliver(ServiceLevelEvents.reported("INC-1", Impact.HIGH, Urgency.HIGH, "network", terms, at(0)),
                assigned("INC-1", "NET", null, at(1)), accepted("INC-1", "NET", "sam", at(2)),
                breach("INC-1", ServiceLevelClockKind.RESOLUTION, terms, at(60)),
                classified("INC-1", "network", Impact.LOW, Urgency.LOW, at(70)),
                resolved("INC-1", "NET", "sam", at(80)));
        assertThat(items(AlertLevel.BREACHED)).isEmpty();

        batches.deliver(reopened("INC-1", "NET", IncidentState.RESOLVED, 1, at(120)));
        batches.deliver(workNote("INC-1", "checking again", at(130)));

        assertThat(items(AlertLevel.BREACHED)).singleElement().satisfies(item -> {
            assertThat(item.since()).isEqualTo(at(120));
            assertThat(item.priority()).isEqualTo(Priority.P1_CRITICAL);
            assertThat(item.dueAt()).isEqualTo(at(60));
        });
    }

    @Test
    void replayRebuildsSameQueueDocument() {
        ServiceLevelTerms terms = p1InOneHour();
        IncidentEvent[] events = {
                ServiceLevelEvents.reported("INC-1", Impact.HIGH, Urgency.HIGH, "network", terms, at(0)),
                assigned("INC-1", "NET", null, at(1)), accepted("INC-1", "NET", "sam", at(2)),
                warning("INC-1", ServiceLevelClockKind.RESOLUTION, terms, at(45)),
                breach("INC-1", ServiceLevelClockKind.RESOLUTION, terms, at(60)),
                classified("INC-1", "network", Impact.LOW, Urgency.LOW, at(70)),
                resolved("INC-1", "NET", "sam", at(80)),
                reopened("INC-1", "NET", IncidentState.RESOLVED, 1, at(120))};
        for (IncidentEvent event : events) {
            batches.deliver(event);
        }
        Document live = template.findById("INC-1", Document.class, ServiceLevelCollection.NAME);

        // A fresh delivery numbers the events from sequence 0 again, as a replay of the event store does.
        projection.reset();
        new ProjectionBatches(projection).deliver(events);

        Document replayed = template.findById("INC-1", Document.class, ServiceLevelCollection.NAME);
        assertThat(replayed).isEqualTo(live);
        assertThat(replayed.getList("queueEntries", Document.class)).hasSize(1);
    }

    @Test
    void managerOfOtherGroupIsRejected() {
        Caller dbManager = TestCallers.manager("stan", "DB", "DB");

        assertThatThrownBy(() -> queues.handle(new FetchServiceLevelQueueQuery(AlertLevel.AT_RISK, "NET", 0, 20,
                dbManager)))
                .hasMessageContaining("does not manage NET");
        assertThatThrownBy(() -> queues.handle(new FetchServiceLevelQueueQuery(AlertLevel.BREACHED, "NET", 0, 20,
                TestCallers.specialist("sam", "NET"))))
                .hasMessageContaining("has the roles SPECIALIST");
    }

    @Test
    void importedHistoryGetsSameOutcomesAsLiveOne() {
        // The live incident has the warning and breach events the aggregate raises, and the imported one has none.
        List<IncidentEvent> live = List.of(
                ServiceLevelEvents.reported("LIVE", TERMS, at(-10)),
                assigned("LIVE", "NET", null, at(0)),
                warning("LIVE", ServiceLevelClockKind.RESPONSE, TERMS, at(15)),
                breach("LIVE", ServiceLevelClockKind.RESPONSE, TERMS, at(20)),
                accepted("LIVE", "NET", "sam", at(22)),
                workNote("LIVE", "router replaced", at(60)),
                warning("LIVE", ServiceLevelClockKind.RESOLUTION, TERMS, at(170)),
                pended("LIVE", at(175)),
                resumed("LIVE", at(200)),
                breach("LIVE", ServiceLevelClockKind.RESOLUTION, TERMS, at(255)),
                resolved("LIVE", "NET", "sam", at(260)),
                closed("LIVE", at(400)));
        List<IncidentEvent> imported = live.stream()
                .filter(event -> !(event instanceof ServiceLevelWarningRaised)
                        && !(event instanceof ServiceLevelBreached))
                .map(event -> renamed(event, "IMPORTED"))
                .toList();

        batches.deliver(live.toArray(IncidentEvent[]::new));
        batches.deliver(imported.toArray(IncidentEvent[]::new));

        ServiceLevelRecord liveRecord = record("LIVE");
        ServiceLevelRecord importedRecord = record("IMPORTED");
        assertThat(importedRecord.reading()).isEqualTo(liveRecord.reading());
        assertThat(liveRecord.reading().response().outcome()).isEqualTo(ClockOutcome.BREACHED);
        // From 09:50 to 14:20 is 270 minutes, less 25 minutes pending: 245 minutes against a 240-minute target.
        assertThat(liveRecord.reading().resolution().outcome()).isEqualTo(ClockOutcome.BREACHED);
        assertThat(Duration.ofMillis(liveRecord.reading().resolution().elapsedMillis()))
                .isEqualTo(Duration.ofMinutes(245));
        assertThat(importedRecord.clockEvents()).hasSize(liveRecord.clockEvents().size());
    }

    @Test
    void factsFollowGroupsAndReopens() {
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(0)),
                assigned("INC-1", "NET", null, at(10)),
                reassigned("INC-1", "NET", null, "DB", null, IncidentState.ASSIGNED, 1, at(20)),
                reassigned("INC-1", "DB", null, "NET", null, IncidentState.ASSIGNED, 2, at(30)),
                accepted("INC-1", "NET", "sam", at(40)),
                returnedToServiceDesk("INC-1", "NET", "sam", 3, at(50)),
                reassigned("INC-1", TestEvents.SERVICE_DESK, null, "DB", null, IncidentState.ASSIGNED, 4, at(60)),
                resolved("INC-1", "DB", "dave", at(70)),
                reopened("INC-1", "DB", IncidentState.RESOLVED, 1, at(80)),
                resolved("INC-1", "DB", "dave", at(100)),
                closed("INC-1", at(120)));

        IncidentFlowFacts facts = record("INC-1").facts();
        assertThat(facts.groupsHeld()).containsExactly("NET", "DB", "NET", TestEvents.SERVICE_DESK, "DB");
        // NET came back at minute 30 and DB at minute 60.
        assertThat(facts.pingPongCount()).isEqualTo(2);
        assertThat(facts.reassignmentCount()).isEqualTo(4);
        assertThat(facts.reopenCount()).isEqualTo(1);
        assertThat(facts.firstContactResolution()).isFalse();
        assertThat(facts.firstAcceptedAt()).isEqualTo(at(40));
        assertThat(facts.resolvedAt()).isEqualTo(at(100));
        assertThat(facts.closedAt()).isEqualTo(at(120));
        assertThat(facts.wallMillisToAccept()).isEqualTo(Duration.ofMinutes(40).toMillis());
        assertThat(facts.wallMillisToResolve()).isEqualTo(Duration.ofMinutes(100).toMillis());
        assertThat(facts.businessMillisToResolve()).isEqualTo(Duration.ofMinutes(100).toMillis());
        assertThat(facts.openAt(at(75))).isFalse();
        assertThat(facts.openAt(at(90))).isTrue();
        assertThat(facts.openAt(at(100))).isFalse();
    }

    @Test
    void incidentWithoutTermsHasFactsButNoClock() {
        batches.deliver(TestEvents.reported("INC-1", "carol", at(0)), assigned("INC-1", "NET", null, at(10)),
                accepted("INC-1", "NET", "sam", at(100)));

        ServiceLevelRecord serviceLevel = record("INC-1");
        assertThat(serviceLevel.hasTerms()).isFalse();
        assertThat(serviceLevel.reading()).isNull();
        assertThat(serviceLevel.clockEvents()).isEmpty();
        assertThat(serviceLevel.facts().wallMillisToAccept()).isEqualTo(Duration.ofMinutes(100).toMillis());
        assertThat(serviceLevel.facts().businessMillisToAccept()).isNull();
    }

    @Test
    void redeliveredEventIsSkipped() {
        var messages = batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(-10)),
                assigned("INC-1", "NET", null, at(0)), warning("INC-1", ServiceLevelClockKind.RESPONSE, TERMS, at(15)));
        Document before = template.getCollection(ServiceLevelCollection.NAME).find().first();

        batches.deliverBatch(messages);

        Document after = template.getCollection(ServiceLevelCollection.NAME).find().first();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void eventWithoutRecordKeepsFailing() {
        assertThatThrownBy(() -> batches.deliver(assigned("INC-9", "NET", null, at(0))))
                .hasMessageContaining("service-levels");
    }

    @Test
    void clockIsRebuiltAcrossBatches() {
        // Each batch reads the record from MongoDB again, so the clock is rebuilt from the stored events.
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(-10)));
        batches.deliver(assigned("INC-1", "NET", null, at(0)));
        batches.deliver(accepted("INC-1", "NET", "sam", at(30)));

        ClockDocument response = record("INC-1").reading().response();
        assertThat(response.outcome()).isEqualTo(ClockOutcome.BREACHED);
        assertThat(Duration.ofMillis(response.elapsedMillis())).isEqualTo(Duration.ofMinutes(30));
        assertThat(record("INC-1").clockEvents()).extracting(StoredEvent::type)
                .containsExactly("IncidentReported", "IncidentAssigned", "AssignmentAccepted");
    }

    /** Returns the event with another incident id, by way of its JSON form. */
    private static IncidentEvent renamed(IncidentEvent event, String incidentId) {
        StoredEvent stored = ClockEventCodec.encode(event);
        String json = stored.json().replace("\"" + event.incidentId().value() + "\"", "\"" + incidentId + "\"");
        return ClockEventCodec.decode(incidentId, new StoredEvent(stored.type(), json));
    }
}
