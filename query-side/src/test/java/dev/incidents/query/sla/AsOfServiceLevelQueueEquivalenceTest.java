package dev.incidents.query.sla;

import static dev.incidents.query.testing.ServiceLevelEvents.breach;
import static dev.incidents.query.testing.ServiceLevelEvents.terms;
import static dev.incidents.query.testing.ServiceLevelEvents.warning;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.classified;
import static dev.incidents.query.testing.TestEvents.closed;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.pended;
import static dev.incidents.query.testing.TestEvents.reassigned;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.resumed;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Query;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.asof.PeriodIndex;
import dev.incidents.query.queue.TimeAxis;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ProjectionBatches;
import dev.incidents.query.testing.ServiceLevelEvents;
import dev.incidents.query.testing.TestCallers;

/**
 * Compares every as-of service level queue with the live queue computed from only the events up to the same instant,
 * on both time axes, for several callers, groups and instants around and on every event time.
 */
class AsOfServiceLevelQueueEquivalenceTest {

    /** Response within 20 minutes and resolution within an hour, both warning at 75 %, on an always-open calendar. */
    private static final ServiceLevelTerms TERMS = terms(1, Instant.parse("2024-01-01T00:00:00Z"),
            Duration.ofMinutes(20), Duration.ofHours(1));

    /** Entries per index bucket: small, so that keys span several buckets. */
    private static final int BUCKET_CAPACITY = 2;

    private static final Instant RECORDING_START = minute(200);

    private static final Caller DESK = TestCallers.serviceDesk("sid");
    private static final Caller NET_MANAGER = TestCallers.manager("mona", "NET", "NET");
    private static final Caller TWO_GROUP_MANAGER = TestCallers.manager("max", "NET", "NET", "DB");

    private record View(Caller caller, AlertLevel level, String group) {
    }

    private static final List<View> VIEWS = new ArrayList<>();

    static {
        for (AlertLevel level : AlertLevel.values()) {
            VIEWS.add(new View(DESK, level, null));
            VIEWS.add(new View(DESK, level, "NET"));
            VIEWS.add(new View(DESK, level, "DB"));
            VIEWS.add(new View(NET_MANAGER, level, "NET"));
            VIEWS.add(new View(TWO_GROUP_MANAGER, level, null));
        }
    }

    private static final List<String> COLLECTIONS = List.of(ServiceLevelCollection.NAME, ServiceLevelHistory.NAME,
            ServiceLevelHistory.KEYS, ServiceLevelHistory.BUCKETS);

    private static InMemoryMongo history;
    private static InMemoryMongo live;

    private AsOfServiceLevelQueueQueryHandler asOfQueues;
    private ServiceLevelQueueQueryHandler liveQueues;
    /** Every event message in the order the event store recorded them. */
    private List<DomainEventMessage<IncidentEvent>> recorded;

    @BeforeAll
    static void startMongo() {
        history = InMemoryMongo.start();
        live = InMemoryMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        history.close();
        live.close();
    }

    @BeforeEach
    void setUp() {
        history.clear();
        live.clear();
        asOfQueues = new AsOfServiceLevelQueueQueryHandler(history.template());
        liveQueues = new ServiceLevelQueueQueryHandler(live.template());
        recorded = recordInterleaved(incidents());
        deliverInBatches(new ServiceLevelProjection(history.template(), BUCKET_CAPACITY), 5);
    }

    private void deliverInBatches(ServiceLevelProjection projection, int batchSize) {
        ProjectionBatches batches = new ProjectionBatches(projection);
        for (int start = 0; start < recorded.size(); start += batchSize) {
            batches.deliverBatch(recorded.subList(start, Math.min(start + batchSize, recorded.size())));
        }
    }

    /**
     * Returns the events of each incident in sequence order. A and B get warning and breach events as a live system
     * sends them; C and D come without them, as imported histories do, so their membership changes only with their
     * other events. C's acceptance carries a business time before the work note that precedes it.
     */
    private static List<List<IncidentEvent>> incidents() {
        return List.of(
                List.of(
                        ServiceLevelEvents.reported("A", TERMS, minute(0)),
                        assigned("A", "NET", null, minute(1)),
                        warning("A", ServiceLevelClockKind.RESPONSE, TERMS, minute(15)),
                        breach("A", ServiceLevelClockKind.RESPONSE, TERMS, minute(20)),
                        accepted("A", "NET", "nick", minute(25)),
                        warning("A", ServiceLevelClockKind.RESOLUTION, TERMS, minute(45)),
                        pended("A", minute(50)),
                        resumed("A", minute(70)),
                        breach("A", ServiceLevelClockKind.RESOLUTION, TERMS, minute(80)),
                        resolved("A", "NET", "nick", minute(90)),
                        reopened("A", "NET", IncidentState.RESOLVED, 1, minute(100)),
                        workNote("A", "checking again", minute(110))),
                List.of(
                        ServiceLevelEvents.reported("B", TERMS, minute(5)),
                        assigned("B", "DB", null, minute(6)),
                        reassigned("B", "DB", null, "NET", null, IncidentState.ASSIGNED, 1, minute(12)),
                        warning("B", ServiceLevelClockKind.RESPONSE, TERMS, minute(20)),
                        accepted("B", "NET", "nick", minute(22)),
                        classified("B", "network", Impact.HIGH, Urgency.HIGH, minute(30)),
                        warning("B", ServiceLevelClockKind.RESOLUTION, TERMS, minute(50)),
                        resolved("B", "NET", "nick", minute(55)),
                        closed("B", minute(65))),
                List.of(
                        ServiceLevelEvents.reported("C", TERMS, minute(10)),
                        assigned("C", "NET", null, minute(11)),
                        workNote("C", "waiting for the vendor", minute(40)),
                        accepted("C", "NET", "nick", minute(38)),
                        workNote("C", "vendor answered", minute(85)),
                        resolved("C", "NET", "nick", minute(95))),
                List.of(
                        ServiceLevelEvents.reported("D", TERMS, minute(3)),
                        assigned("D", "DB", null, minute(4)),
                        workNote("D", "looking at the logs", minute(19)),
                        workNote("D", "still looking", minute(26)),
                        accepted("D", "DB", "dora", minute(30)),
                        workNote("D", "found it", minute(52)),
                        workNote("D", "fix deployed", minute(66)),
                        resolved("D", "DB", "dora", minute(70))));
    }

    /**
     * Records the incidents' events round-robin, starting with the last incident, ten seconds apart, so the recorded
     * order of the incidents differs from their business order as after an import.
     */
    private static List<DomainEventMessage<IncidentEvent>> recordInterleaved(List<List<IncidentEvent>> incidents) {
        List<DomainEventMessage<IncidentEvent>> messages = new ArrayList<>();
        int[] next = new int[incidents.size()];
        boolean more = true;
        while (more) {
            more = false;
            for (int i = incidents.size() - 1; i >= 0; i--) {
                List<IncidentEvent> events = incidents.get(i);
                if (next[i] < events.size()) {
                    IncidentEvent event = events.get(next[i]);
                    Instant at = RECORDING_START.plusSeconds(10L * messages.size());
                    messages.add(new GenericDomainEventMessage<>("Incident", event.incidentId().value(), next[i],
                            event, MetaData.emptyInstance(), event.incidentId() + "#" + next[i], at));
                    next[i]++;
                    more = true;
                }
            }
        }
        return messages;
    }

    @Test
    void businessAxisMatchesLiveQueues() {
        Set<Instant> instants = new TreeSet<>();
        for (int minute = -1; minute <= 120; minute++) {
            instants.add(minute(minute));
        }
        recorded.forEach(message -> instants.add(message.getPayload().occurredAt().plusMillis(1)));

        assertEquivalent(TimeAxis.BUSINESS, instants, message -> message.getPayload().occurredAt());
    }

    @Test
    void recordedAxisMatchesLiveQueues() {
        Set<Instant> instants = new TreeSet<>();
        instants.add(RECORDING_START.minusSeconds(1));
        for (DomainEventMessage<IncidentEvent> message : recorded) {
            instants.add(message.getTimestamp());
            instants.add(message.getTimestamp().plusSeconds(5));
        }

        assertEquivalent(TimeAxis.RECORDED, instants, DomainEventMessage::getTimestamp);
    }

    @Test
    void redeliveryAfterPartialWriteChangesNothing() {
        history.clear();
        ProjectionBatches batches = new ProjectionBatches(
                new ServiceLevelProjection(history.template(), BUCKET_CAPACITY));
        List<DomainEventMessage<IncidentEvent>> second = recorded.subList(16, 32);
        batches.deliverBatch(recorded.subList(0, 16));
        Map<String, List<Document>> afterFirst = documents(List.of());
        batches.deliverBatch(second);
        Map<String, List<Document>> expected = documents(List.of());

        // An attempt that stored the periods and the index buckets but failed before the directories and records.
        restore(ServiceLevelHistory.KEYS, afterFirst);
        restore(ServiceLevelCollection.NAME, afterFirst);
        batches.deliverBatch(second);
        assertThat(documents(List.of())).isEqualTo(expected);

        // An attempt that stored the directories too but failed before the records.
        restore(ServiceLevelCollection.NAME, afterFirst);
        batches.deliverBatch(second);
        assertThat(documents(List.of())).isEqualTo(expected);
    }

    /** Replaces the stored documents of {@code collection} with those in {@code snapshot}. */
    private static void restore(String collection, Map<String, List<Document>> snapshot) {
        history.template().remove(new Query(), collection);
        snapshot.get(collection).forEach(document -> history.template().insert(document, collection));
    }

    @Test
    void replayInOtherBatchesGivesSameFingerprint() {
        ServiceLevelProjection projection = new ServiceLevelProjection(history.template(), BUCKET_CAPACITY);
        Map<String, List<Document>> before = documents(projection.fieldsLeftOut());

        projection.reset();
        assertThat(documents(List.of()).values()).allSatisfy(documents -> assertThat(documents).isEmpty());
        deliverInBatches(projection, recorded.size());

        assertThat(documents(projection.fieldsLeftOut())).isEqualTo(before);
    }

    /**
     * Compares, at each instant, every view's as-of pages with the live pages of a projection built from only the
     * events whose time on the axis is at or before the instant.
     */
    private void assertEquivalent(TimeAxis axis, Set<Instant> instants,
                                  Function<DomainEventMessage<IncidentEvent>, Instant> timeOnAxis) {
        Map<AlertLevel, Integer> nonEmpty = new EnumMap<>(AlertLevel.class);
        Map<View, Set<Long>> totalsSeen = new LinkedHashMap<>();

        for (Instant instant : instants) {
            projectLiveUpTo(instant, timeOnAxis);

            for (View view : VIEWS) {
                ServiceLevelQueuePage livePage = liveQueues.handle(query(view, 0, FetchQueuePageQuery.MAX_SIZE));
                ServiceLevelQueuePage asOfPage = asOfQueues.handle(new FetchServiceLevelQueueAsOfQuery(
                        query(view, 0, FetchQueuePageQuery.MAX_SIZE), instant, axis));
                assertThat(asOfPage).as("%s at %s on the %s axis", view, instant, axis).isEqualTo(livePage);

                ServiceLevelQueuePage liveSecondPage = liveQueues.handle(query(view, 1, 1));
                ServiceLevelQueuePage asOfSecondPage = asOfQueues.handle(
                        new FetchServiceLevelQueueAsOfQuery(query(view, 1, 1), instant, axis));
                assertThat(asOfSecondPage).as("second page of %s at %s on the %s axis", view, instant, axis)
                        .isEqualTo(liveSecondPage);

                if (livePage.total() > 0) {
                    nonEmpty.merge(view.level(), 1, Integer::sum);
                }
                totalsSeen.computeIfAbsent(view, ignored -> new TreeSet<>()).add(livePage.total());
            }
        }

        // The comparison proves something only if both queues had entries and every view changed over time.
        assertThat(nonEmpty.keySet()).containsExactlyInAnyOrder(AlertLevel.values());
        assertThat(totalsSeen.values()).allSatisfy(totals -> assertThat(totals).hasSizeGreaterThan(1));
    }

    /** Rebuilds the live read model from the events at or before {@code instant} on the axis. */
    private void projectLiveUpTo(Instant instant, Function<DomainEventMessage<IncidentEvent>, Instant> timeOnAxis) {
        live.clear();
        List<DomainEventMessage<IncidentEvent>> prefix = new ArrayList<>();
        Map<String, Instant> latest = new HashMap<>();
        Map<String, Boolean> stopped = new HashMap<>();
        for (DomainEventMessage<IncidentEvent> message : recorded) {
            String incidentId = message.getAggregateIdentifier();
            // An event counts from the latest time of its incident's events so far, as docs/as-of.md defines.
            Instant time = latest.merge(incidentId, timeOnAxis.apply(message),
                    (earlier, current) -> current.isAfter(earlier) ? current : earlier);
            if (!time.isAfter(instant) && !stopped.containsKey(incidentId)) {
                prefix.add(message);
            } else {
                stopped.put(incidentId, true);
            }
        }
        if (!prefix.isEmpty()) {
            new ProjectionBatches(new ServiceLevelProjection(live.template())).deliverBatch(prefix);
        }
    }

    private static FetchServiceLevelQueueQuery query(View view, int page, int size) {
        return new FetchServiceLevelQueueQuery(view.level(), view.group(), page, size, view.caller());
    }

    /** Returns the documents of every service level collection sorted by id, without {@code leftOut} fields. */
    private static Map<String, List<Document>> documents(List<String> leftOut) {
        Map<String, List<Document>> documents = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            List<Document> stored = history.template().find(new Query().with(Sort.by("_id")), Document.class,
                    collection);
            stored.forEach(document -> leftOut.forEach(document::remove));
            documents.put(collection, stored);
        }
        return documents;
    }

    @Test
    void indexSpansSeveralBuckets() {
        List<Document> buckets = history.template().findAll(Document.class, ServiceLevelHistory.BUCKETS);

        assertThat(buckets).extracting(bucket -> bucket.getString("_id")).contains("BREACHED:NET#1");
        assertThat(buckets).allSatisfy(bucket -> assertThat(PeriodIndex.entries(bucket))
                .hasSizeBetween(1, BUCKET_CAPACITY));
    }
}
