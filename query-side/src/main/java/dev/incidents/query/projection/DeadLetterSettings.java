package dev.incidents.query.projection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Dead-letter queues of the processing groups, all in the MongoDB collection {@code deadletters} of the read model
 * database, through axon-mongo's {@link MongoSequencedDeadLetterQueue}. A letter is parked under its sequence, the
 * incident id for incident events, so the later events of that incident queue behind it while the other incidents
 * keep flowing.
 */
@Component
class DeadLetterSettings {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterSettings.class);

    private final MongoTemplate mongoTemplate;
    private final Serializer serializer;
    private final ReadModels readModels;
    private final Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues = new ConcurrentHashMap<>();

    DeadLetterSettings(@Qualifier("axonMongoTemplate") MongoTemplate mongoTemplate, Serializer serializer,
                       ReadModels readModels) {
        this.mongoTemplate = mongoTemplate;
        this.serializer = serializer;
        this.readModels = readModels;
    }

    /**
     * Gives every processing group a Mongo-backed dead-letter queue and the {@link DeadLetterPolicy}. The sequence
     * identifier cache (Axon 4.9 and later) spares a database query per event when the group's queue was empty as the
     * segment was claimed. A reset (a rebuild) clears the group's queue, because the replay handles every parked event
     * again.
     */
    void register(EventProcessingConfigurer processing) {
        processing.registerDeadLetterQueueProvider(group -> configuration -> queue(group));
        for (String group : readModels.names()) {
            processing.registerDeadLetterPolicy(group, configuration -> new DeadLetterPolicy(group))
                    .registerDeadLetteringEventHandlerInvokerConfiguration(group, (configuration, builder) ->
                            builder.enableSequenceIdentifierCache().allowReset(true));
        }
    }

    /** Returns the queue of {@code group}, creating it on first use. */
    SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return queues.computeIfAbsent(group, name -> {
            log.info("Parking failed events of processing group {} in MongoDB collection deadletters", name);
            return new DeduplicatingDeadLetterQueue(name, MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                    .processingGroup(name)
                    .mongoTemplate(mongoTemplate)
                    .serializer(serializer)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .build());
        });
    }
}
