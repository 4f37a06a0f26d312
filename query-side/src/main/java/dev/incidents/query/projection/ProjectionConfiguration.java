package dev.incidents.query.projection;

import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import com.mongodb.client.MongoClient;

/**
 * Axon infrastructure of the query side: the event store it tracks, the MongoDB token store and the pooled streaming
 * processors that build the read models. Axon's JDBC auto-configuration is excluded on {@code QuerySideApplication},
 * so these beans are the only event storage engine and token store.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConfiguration.class);

    /**
     * Replaces Axon's Spring transaction manager because the embedded MongoDB server has no transactions and the
     * event database is only read. Every projection handler is idempotent instead.
     */
    @Bean
    TransactionManager axonTransactionManager() {
        return NoTransactionManager.INSTANCE;
    }

    /**
     * Copies no correlation data. Axon's default provider reads the metadata of the message being handled, so every
     * replayed event had its metadata deserialised, about a tenth of a rebuild's processor time in a profile. The
     * query side sends no commands or events that would carry the correlation, and a handler that needs metadata
     * still reads it. Declaring this bean keeps Axon from registering its default provider.
     */
    @Bean
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    /**
     * Connects to the event store as the read-only user whose password the command side generated, unless
     * {@code spring.datasource.username} names another user. Static, because it post-processes the data source
     * properties.
     */
    @Bean
    static EventStoreReaderCredentials eventStoreReaderCredentials(Environment environment) {
        String file = environment.getProperty(EventStoreReaderCredentials.FILE_PROPERTY, "");
        return new EventStoreReaderCredentials(file.isBlank() ? null : Path.of(file).toAbsolutePath().normalize());
    }

    /**
     * Reads the event table that the command side creates and owns, by default over H2's TCP server. The query side
     * never creates or changes the schema.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EventStorageEngine eventStorageEngine(DataSource dataSource,
                                          Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration axonConfiguration) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(axonConfiguration.upcasterChain())
                .schema(new EventSchema())
                .dataType(byte[].class)
                .batchSize(1000)
                .build();
    }

    @Bean(destroyMethod = "shutDown")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EmbeddedEventStore eventStore(EventStorageEngine eventStorageEngine,
                                  org.axonframework.config.Configuration axonConfiguration) {
        return EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .messageMonitor(axonConfiguration.messageMonitor(EventStore.class, "eventStore"))
                .build();
    }

    @Bean
    ProcessorFailures processorFailures() {
        return new ProcessorFailures();
    }

    @Bean
    HandledEventCounter handledEventCounter() {
        return new HandledEventCounter();
    }

    /**
     * Axon's access to the read model database: the token store keeps the tracking tokens in its default collection
     * {@code trackingtokens} and the dead-letter queues their letters in {@code deadletters}.
     */
    @Bean
    MongoTemplate axonMongoTemplate(MongoClient mongoClient, MongoDatabaseFactory databaseFactory) {
        String database = databaseFactory.getMongoDatabase().getName();
        log.info("Storing tracking tokens and dead letters in MongoDB database {}", database);
        return DefaultMongoTemplate.builder().mongoDatabase(mongoClient, database).build();
    }

    @Bean
    TokenStore tokenStore(@Qualifier("axonMongoTemplate") MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
    }

    /**
     * Runs every processing group in its own pooled streaming processor (see {@link ProcessorSettings} for the
     * segments, threads and sequencing). A failure outside a handler, such as a failed batch write, propagates to
     * the processor, which keeps its token, releases the segment, backs off and retries the same batch. A handler
     * failure for one incident goes to the processing group's dead-letter queue instead ({@link DeadLetterSettings}).
     * The {@link ProcessorFailures} interceptor, outermost, records failed batches for the processor status. The
     * {@link BatchWriteInterceptor} writes each batch's read model changes before the processor stores the token of
     * the batch's segment, and the {@link HandledEventCounter} counts the handled events for the progress of a
     * rebuild.
     */
    @Bean
    ConfigurerModule streamingProcessorsModule(ProcessorSettings processors, DeadLetterSettings deadLetters,
                                               ProcessorFailures failures, HandledEventCounter handledEvents) {
        log.info("Running every processing group in a pooled streaming processor with {} worker threads and batches"
                + " of up to {} events; a processor without tokens starts with {} segments, one with tokens keeps"
                + " their segments", processors.threads(), processors.batchSize(), processors.segments());
        return configurer -> {
            configurer.eventProcessing()
                    .usingPooledStreamingEventProcessors(processors::configure)
                    .registerDefaultSequencingPolicy(configuration -> ProcessorSettings.SEQUENCING_POLICY)
                    .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                    .registerDefaultErrorHandler(configuration -> PropagatingErrorHandler.instance())
                    .registerDefaultHandlerInterceptor((configuration, processorName) ->
                            failures.interceptorFor(processorName))
                    .registerDefaultHandlerInterceptor((configuration, processorName) ->
                            new BatchWriteInterceptor(processorName))
                    .registerDefaultHandlerInterceptor((configuration, processorName) ->
                            handledEvents.interceptorFor(processorName));
            ProcessorSettings.SINGLE_SEGMENT_GROUPS.forEach(group -> configurer.eventProcessing()
                    .registerPooledStreamingEventProcessorConfiguration(group, processors::configureSingleSegment));
            deadLetters.register(configurer.eventProcessing());
        };
    }
}
