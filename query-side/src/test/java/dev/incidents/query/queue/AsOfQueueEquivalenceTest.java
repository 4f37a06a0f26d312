package dev.incidents.query.queue;

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

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.EscalationKind;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.api.query.QueueKind;
import dev.incidents.api.query.QueuePage;
import dev.incidents.query.asof.PeriodIndex;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ProjectedIncidents;
import dev.incidents.query.testing.ProjectionBatches;
import dev.incidents.query.testing.TestCallers;

/**
 * Compares every as-of queue with the live queue computed from only the events up to the same instant, on both time
 * axes, for several callers and instants around and on every event time.
 */
class AsOfQueueEquivalenceTest {

    /** Entries per queue index bucket: small, so that sections span several buckets and batches fill more than one. */
    private static final int BUCKET_CAPACITY = 2;

    private static final List<String> COLLECTIONS = List.of(QueueHistoryCollection.NAME,
            QueueHistoryCollection.HEADS, QueueHistoryCollection.KEYS, QueueHistoryCollection.BUCKETS);

    /** The event store records the events an hour after the first business time, in a different incident order. */
    private static final Instant RECORDING_START = minute(60);

    private static final Caller AUDITOR = TestCallers.auditor("audrey");
    private static final Caller NETWORK_SPECIALIST = TestCallers.specialist("nick", "NETWORK");
    private static final Caller NETWORK_MANAGER = TestCallers.manager("mona", "OPERATIONS", "NETWORK");
    private static final Caller REQUESTER = TestCallers.requester("rita");

    private record View(Caller caller, QueueKind queue, String subject) {
    }

    private static final List<View> VIEWS = List.of(
            new View(AUDITOR, QueueKind.SERVICE_DESK, null),
            new View(AUDITOR, QueueKind.SUPPORT_GROUP, "NETWORK"),
            new View(AUDITOR, QueueKind.SUPPORT_GROUP, "DATABASE"),
            new View(AUDITOR, QueueKind.SUPPORT_GROUP, SERVICE_DESK),
            new View(AUDITOR, QueueKind.ASSIGNEE, "nick"),
            new View(AUDITOR, QueueKind.ASSIGNEE, "bob"),
            new View(AUDITOR, QueueKind.REQUESTER, "rita"),
            new View(AUDITOR, QueueKind.REQUESTER, "sam"),
            new View(NETWORK_SPECIALIST, QueueKind.SUPPORT_GROUP, "NETWORK"),
            new View(NETWORK_SPECIALIST, QueueKind.ASSIGNEE, "nick"),
            new View(NETWORK_MANAGER, QueueKind.SUPPORT_GROUP, "NETWORK"),
            new View(NETWORK_MANAGER, QueueKind.ASSIGNEE, "nick"),
            new View(NETWORK_MANAGER, QueueKind.ASSIGNEE, "bob"),
            new View(REQUESTER, QueueKind.REQUESTER, "rita"));

    private static InMemoryMongo mongo;

    private QueueQueryHandler liveQueues;
    private AsOfQueueQueryHandler asOfQueues;
    /** Every event message in the order the event store recorded them. */
    private List<DomainEventMessage<IncidentEvent>> recorded;

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
        liveQueues = new QueueQueryHandler(mongo.template(), SERVICE_DESK);
        asOfQueues = new AsOfQueueQueryHandler(mongo.template(), SERVICE_DESK);
        recorded = recordInterleaved(history());

        deliverInBatches(new QueueHistoryProjection(mongo.template(), BUCKET_CAPACITY), 7);
    }

    private void deliverInBatches(QueueHistoryProjection projection, int batchSize) {
        ProjectionBatches batches = new ProjectionBatches(projection);
        for (int start = 0; start < recorded.size(); start += batchSize) {
            batches.deliverBatch(recorded.subList(start, Math.min(start + batchSize, recorded.size())));
        }
    }

    /** Returns the events of each incident in sequence order, with business times that interleave the incidents. */
    private static List<List<IncidentEvent>> history() {
        return List.of(
                List.of(
                        reported("A", "rita", minute(0)),
                        assigned("A", "NETWORK", null, minute(5)),
                        accepted("A", "NETWORK", "nick", minute(10)),
                        workNote("A", "checked the router logs", minute(12)),
                        pended("A", minute(15)),
                        resumed("A", minute(20)),
                        resolved("A", "NETWORK", "nick", minute(30)),
                        closed("A", minute(40))),
                List.of(
                        reported("B", "rita", minute(2)),
                        classified("B", "database", Impact.HIGH, Urgency.HIGH, minute(3)),
                        assigned("B", "DATABASE", null, minute(8)),
                        reassigned("B", "DATABASE", null, "NETWORK", "nick", IncidentState.ASSIGNED, 1, minute(14)),
                        accepted("B", "NETWORK", "nick", minute(16)),
                        returnedToServiceDesk("B", "NETWORK", "nick", 2, minute(25)),
                        resolved("B", SERVICE_DESK, "alice", minute(33)),
                        reopened("B", "NETWORK", IncidentState.RESOLVED, 1, minute(36))),
                List.of(
                        reported("C", "sam", minute(4)),
                        ownershipTransferred("C", SERVICE_DESK, "NETWORK", minute(9)),
                        assigned("C", "NETWORK", "bob", minute(11)),
                        released("C", "NETWORK", "bob", IncidentState.ASSIGNED, minute(18)),
                        escalated("C", EscalationKind.FUNCTIONAL, "NETWORK", "DATABASE", minute(22)),
                        cancelled("C", IncidentState.ASSIGNED, minute(28))),
                List.of(
                        reported("D", "sam", Impact.LOW, Urgency.LOW, minute(20)),
                        classified("D", "printing", Impact.HIGH, Urgency.MEDIUM, minute(26))),
                List.of(
                        reported("E", "rita", minute(1)),
                        assigned("E", "NETWORK", "nick", minute(3)),
                        accepted("E", "NETWORK", "nick", minute(6)),
                        resolved("E", "NETWORK", "nick", minute(7)),
                        resolutionRejected("E", "NETWORK", minute(13)),
                        resolved("E", "NETWORK", "nick", minute(19)),
                        closed("E", minute(27)),
                        closureRevoked("E", minute(29))));
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
        for (int minute = -1; minute <= 45; minute++) {
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
    void indexSpansSeveralBuckets() {
        List<org.bson.Document> buckets = mongo.template().findAll(org.bson.Document.class,
                QueueHistoryCollection.BUCKETS);
        long periods = mongo.template().count(new Query(), QueueHistoryCollection.NAME);

        assertThat(buckets).extracting(bucket -> bucket.getString("_id")).contains("REQUESTER:rita#2");
        assertThat(buckets).allSatisfy(bucket -> assertThat(PeriodIndex.entries(bucket))
                .hasSizeBetween(1, BUCKET_CAPACITY));
        long opened = buckets.stream()
                .flatMap(bucket -> PeriodIndex.entries(bucket).stream())
                .filter(entry -> entry.containsKey(PeriodIndex.BUSINESS_FROM))
                .count();
        long closed = mongo.template().count(
                Query.query(org.springframework.data.mongodb.core.query.Criteria.where(PeriodIndex.BUSINESS_TO).ne(null)),
                QueueHistoryCollection.NAME);
        assertThat(opened).isEqualTo(periods);
        assertThat(buckets.stream().mapToLong(bucket -> PeriodIndex.entries(bucket).size()).sum())
                .isEqualTo(periods + closed);
    }

    @Test
    void redeliveredBatchChangesNothing() {
        Map<String, List<org.bson.Document>> before = documents();

        ProjectionBatches again = new ProjectionBatches(new QueueHistoryProjection(mongo.template(), BUCKET_CAPACITY));
        again.deliverBatch(recorded.subList(0, recorded.size() / 2));

        assertThat(documents()).isEqualTo(before);
    }

    @Test
    void redeliveryAfterPartialWriteChangesNothing() {
        mongo.clear();
        QueueHistoryProjection projection = new QueueHistoryProjection(mongo.template(), BUCKET_CAPACITY);
        ProjectionBatches batches = new ProjectionBatches(projection);
        List<DomainEventMessage<IncidentEvent>> first = recorded.subList(0, 12);
        List<DomainEventMessage<IncidentEvent>> second = recorded.subList(12, 24);
        batches.deliverBatch(first);
        Map<String, List<org.bson.Document>> afterFirst = documents();
        batches.deliverBatch(second);
        Map<String, List<org.bson.Document>> expected = documents();

        // An attempt that stored the periods and the index buckets but failed before the directories and heads.
        restore(QueueHistoryCollection.KEYS, afterFirst);
        restore(QueueHistoryCollection.HEADS, afterFirst);
        batches.deliverBatch(second);
        assertThat(documents()).isEqualTo(expected);

        // An attempt that stored the directories too but failed before the heads.
        restore(QueueHistoryCollection.HEADS, afterFirst);
        batches.deliverBatch(second);
        assertThat(documents()).isEqualTo(expected);
    }

    @Test
    void replayInOtherBatchesGivesSameFingerprint() {
        QueueHistoryProjection projection = new QueueHistoryProjection(mongo.template(), BUCKET_CAPACITY);
        Map<String, List<org.bson.Document>> before = fingerprintedDocuments();

        projection.reset();
        assertThat(documents().values()).allSatisfy(documents -> assertThat(documents).isEmpty());
        deliverInBatches(projection, recorded.size());

        assertThat(fingerprintedDocuments()).isEqualTo(before);
    }

    /** Returns the documents of every queue history collection sorted by id. */
    private static Map<String, List<org.bson.Document>> documents() {
        return documents(List.of());
    }

    /** Returns the documents of every queue history collection sorted by id, as a fingerprint hashes them. */
    private static Map<String, List<org.bson.Document>> fingerprintedDocuments() {
        return documents(new QueueHistoryProjection(mongo.template()).fieldsLeftOut());
    }

    private static Map<String, List<org.bson.Document>> documents(List<String> leftOut) {
        Map<String, List<org.bson.Document>> documents = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            List<org.bson.Document> stored = mongo.template().find(
                    new Query().with(org.springframework.data.domain.Sort.by("_id")), org.bson.Document.class,
                    collection);
            stored.forEach(document -> leftOut.forEach(document::remove));
            documents.put(collection, stored);
        }
        return documents;
    }

    /** Replaces the stored documents of {@code collection} with those in {@code snapshot}. */
    private static void restore(String collection, Map<String, List<org.bson.Document>> snapshot) {
        mongo.template().remove(new Query(), collection);
        snapshot.get(collection).forEach(document -> mongo.template().insert(document, collection));
    }

    /**
     * Compares, at each instant, every view's as-of pages with the live pages of a summary collection built from only
     * the events whose time on the axis is at or before the instant.
     */
    private void assertEquivalent(TimeAxis axis, Set<Instant> instants,
                                  Function<DomainEventMessage<IncidentEvent>, Instant> timeOnAxis) {
        Map<QueueKind, Integer> nonEmpty = new EnumMap<>(QueueKind.class);
        Map<View, Set<Long>> totalsSeen = new LinkedHashMap<>();

        for (Instant instant : instants) {
            projectLiveUpTo(instant, timeOnAxis);

            for (View view : VIEWS) {
                QueuePage live = liveQueues.handle(query(view, 0, FetchQueuePageQuery.MAX_SIZE));
                QueuePage asOf = asOfQueues.handle(new FetchQueuePageAsOfQuery(
                        query(view, 0, FetchQueuePageQuery.MAX_SIZE), instant, axis));
                assertThat(asOf).as("%s at %s on the %s axis", view, instant, axis).isEqualTo(live);

                QueuePage liveSecondPage = liveQueues.handle(query(view, 1, 2));
                QueuePage asOfSecondPage = asOfQueues.handle(
                        new FetchQueuePageAsOfQuery(query(view, 1, 2), instant, axis));
                assertThat(asOfSecondPage).as("second page of %s at %s on the %s axis", view, instant, axis)
                        .isEqualTo(liveSecondPage);

                if (live.total() > 0) {
                    nonEmpty.merge(view.queue(), 1, Integer::sum);
                }
                totalsSeen.computeIfAbsent(view, ignored -> new TreeSet<>()).add(live.total());
            }
        }

        // The comparison proves something only if every queue kind had members and queues changed over time.
        assertThat(nonEmpty.keySet()).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(QueueKind.class));
        assertThat(totalsSeen.values()).allSatisfy(totals -> assertThat(totals).hasSizeGreaterThan(1));
    }

    /** Rebuilds {@code incident_summaries} and its active copy from the events at or before {@code instant} on the axis. */
    private void projectLiveUpTo(Instant instant, Function<DomainEventMessage<IncidentEvent>, Instant> timeOnAxis) {
        mongo.template().remove(new Query(), "incident_summaries");
        mongo.template().remove(new Query(), "active_incident_summaries");
        ProjectedIncidents live = new ProjectedIncidents(mongo.template());
        Map<String, Boolean> stopped = new HashMap<>();
        for (DomainEventMessage<IncidentEvent> message : recorded) {
            String incidentId = message.getAggregateIdentifier();
            if (!timeOnAxis.apply(message).isAfter(instant) && !stopped.containsKey(incidentId)) {
                live.apply(message.getPayload());
            } else {
                // Keep each incident's events a prefix of its stream, as the history reads them.
                stopped.put(incidentId, true);
            }
        }
    }

    private static FetchQueuePageQuery query(View view, int page, int size) {
        return new FetchQueuePageQuery(view.queue(), view.subject(), page, size, view.caller());
    }
}
