package dev.incidents.query.audit;

import static dev.incidents.query.testing.ProjectionBatches.message;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.FetchIncidentHistoryQuery;
import dev.incidents.query.projection.BatchWriteInterceptor;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.TestCallers;

/**
 * Runs the audit projection in a real tracking processor, with an in-memory event store and the MongoDB token store,
 * configured as the application configures its processors: no transaction manager, propagating error handlers and
 * the {@link BatchWriteInterceptor}.
 */
class AuditTrailProcessorTest {

    private static final String ID = "INC-7";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static InMemoryMongo mongo;

    private FailingBulkWritesTemplate template;
    private EmbeddedEventStore eventStore;
    private TokenStore tokenStore;
    private TrackingEventProcessor processor;
    private final AtomicInteger handledEvents = new AtomicInteger();
    private long appendedEvents;

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
        template = new FailingBulkWritesTemplate(mongo);
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        tokenStore = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(mongo.client(), InMemoryMongo.DATABASE)
                        .build())
                .serializer(JacksonSerializer.defaultSerializer())
                .build();

        AuditTrailProjection projection = new AuditTrailProjection(template);
        processor = TrackingEventProcessor.builder()
                .name(AuditTrailProjection.PROCESSING_GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(projection)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(2))
                .build();
        processor.registerHandlerInterceptor((unitOfWork, interceptorChain) -> {
            handledEvents.incrementAndGet();
            return interceptorChain.proceed();
        });
        processor.registerHandlerInterceptor(new BatchWriteInterceptor("audit-trail"));
    }

    /** A template whose next bulk writes fail before they reach the server, as a lost connection would. */
    static final class FailingBulkWritesTemplate extends MongoTemplate {

        static final String FAILURE_MESSAGE = "bulk write failed on purpose";

        private final AtomicInteger failuresLeft = new AtomicInteger();

        FailingBulkWritesTemplate(InMemoryMongo mongo) {
            super(mongo.client(), InMemoryMongo.DATABASE);
        }

        void failBulkWrites(int count) {
            failuresLeft.set(count);
        }

        @Override
        public BulkOperations bulkOps(BulkOperations.BulkMode mode, Class<?> entityType, String collectionName) {
            if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new DataAccessResourceFailureException(FAILURE_MESSAGE);
            }
            return super.bulkOps(mode, entityType, collectionName);
        }
    }

    @AfterEach
    void tearDown() {
        processor.shutDown();
        eventStore.shutDown();
    }

    /** Appends the events with sequence numbers counted on from {@code firstSequence} in each call. */
    private void append(long firstSequence, IncidentEvent... events) {
        long sequence = firstSequence;
        for (IncidentEvent event : events) {
            eventStore.publish(message(event, sequence++));
            appendedEvents++;
        }
    }

    private EventTrackerStatus awaitStatus(String expected, Predicate<EventTrackerStatus> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            EventTrackerStatus status = processor.processingStatus().get(0);
            if (status != null && condition.test(status)) {
                return status;
            }
            assertThat(Instant.now()).as("time to wait until %s; last status %s", expected, status)
                    .isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * Waits until the processor reports the last appended event as handled and every appended event has its entry.
     * The status alone does not show that the batch's writes are done: a new processor starts with a replay token
     * whose position already is the head.
     */
    private void awaitCaughtUp() throws InterruptedException {
        awaitStatus("the processor handled every appended event", status -> !status.isErrorState()
                && status.isCaughtUp()
                && status.getCurrentPosition().orElse(-1) == appendedEvents - 1
                && storedEntryCount() == appendedEvents);
    }

    private long storedEntryCount() {
        return storedTrails().stream().mapToLong(trail -> trail.getList("entries", Document.class).size()).sum();
    }

    private long storedPosition() {
        TrackingToken token = tokenStore.fetchToken(AuditTrailProjection.PROCESSING_GROUP, 0);
        return token == null ? -1 : token.position().orElse(-1);
    }

    private List<Document> storedTrails() {
        return template.getCollection(AuditTrailCollection.NAME).find().sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    private List<AuditEntry> history(String incidentId) {
        return new AuditQueryHandler(template).handle(new FetchIncidentHistoryQuery(new IncidentId(incidentId),
                TestCallers.auditor("audrey")));
    }

    @Test
    void failedWriteKeepsTokenUntilRetrySucceeds() throws Exception {
        append(0, reported(ID, "carol", minute(0)));
        processor.start();
        awaitCaughtUp();
        template.failBulkWrites(1);

        append(1, assigned(ID, "NETWORK", "bob", minute(1)), accepted(ID, "NETWORK", "bob", minute(2)));
        EventTrackerStatus failed = awaitStatus("the batch failed", EventTrackerStatus::isErrorState);
        processor.shutDown();

        assertThat(failed.getError()).hasMessageContaining(FailingBulkWritesTemplate.FAILURE_MESSAGE);
        assertThat(storedPosition()).isZero();
        assertThat(history(ID)).hasSize(1);

        processor.start();
        awaitCaughtUp();

        assertThat(storedPosition()).isEqualTo(2);
        assertThat(history(ID)).extracting(AuditEntry::eventId).containsExactly(ID + "#0", ID + "#1", ID + "#2");
        assertThat(history(ID).get(2).changes()).extracting("field").containsExactly("state");
    }

    @Test
    void rewoundTokenRebuildsSameDocuments() throws Exception {
        append(0, reported(ID, "carol", minute(0)), assigned(ID, "NETWORK", "bob", minute(1)),
                accepted(ID, "NETWORK", "bob", minute(3)));
        append(0, reported("INC-8", "dave", minute(2)), workNote("INC-8", "called back", minute(4)));
        processor.start();
        awaitCaughtUp();
        processor.shutDown();
        List<Document> trails = storedTrails();
        int handledOnce = handledEvents.get();

        // Moving the token back to the first event, without a reset, makes the processor handle every event again.
        tokenStore.storeToken(eventStore.createTailToken(), AuditTrailProjection.PROCESSING_GROUP, 0);
        processor.start();
        awaitCaughtUp();
        processor.shutDown();

        assertThat(handledOnce).isEqualTo(5);
        assertThat(handledEvents.get()).isEqualTo(10);
        assertThat(storedTrails()).isEqualTo(trails);
        assertThat(history(ID)).hasSize(3);
        assertThat(history("INC-8")).hasSize(2);
    }
}
