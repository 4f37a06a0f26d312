package dev.incidents.query.projection;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import com.mongodb.client.MongoClient;

/**
 * Axon infrastructure of the query side: the event store it tracks, the MongoDB token store and the tracking
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
    HandledEventCounter handledEventCounter() {
        return new HandledEventCounter();
    }

    /** Stores the processors' tracking tokens in the read model database, in Axon's default collection. */
    @Bean
    TokenStore tokenStore(MongoClient mongoClient, MongoDatabaseFactory databaseFactory, Serializer serializer) {
        String database = databaseFactory.getMongoDatabase().getName();
        log.info("Storing tracking tokens in MongoDB database {}", database);
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongoClient, database).build())
                .serializer(serializer)
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
    }

    /**
     * Runs every processing group in its own single-threaded tracking processor. A handler failure propagates to the
     * processor, which keeps its token, backs off and retries the same batch, so no event is skipped. The
     * {@link BatchWriteInterceptor} writes each batch's read model changes before the processor stores its token,
     * and the {@link HandledEventCounter} counts the handled events for the progress of a rebuild.
     */
    @Bean
    ConfigurerModule trackingProcessorsModule(@Value("${incidents.projections.batch-size:500}") int batchSize,
                                              HandledEventCounter handledEvents) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("invalid incidents.projections.batch-size " + batchSize
                    + ": use a positive number of events per batch");
        }
        return configurer -> configurer.eventProcessing()
                .usingTrackingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultHandlerInterceptor((configuration, processorName) -> new BatchWriteInterceptor())
                .registerDefaultHandlerInterceptor((configuration, processorName) ->
                        handledEvents.interceptorFor(processorName))
                .registerTrackingEventProcessorConfiguration(configuration ->
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize));
    }
}
