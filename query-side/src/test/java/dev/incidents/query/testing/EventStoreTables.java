package dev.incidents.query.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.incidents.api.incident.IncidentEvent;

/**
 * An in-memory H2 database with the Axon event table as the command side creates it, and a writer that appends
 * incident events to it with one aggregate stream per incident, numbering each incident's events from 0.
 */
public final class EventStoreTables {

    static {
        // H2 reads the bind address once, when its classes load, and otherwise its TCP servers listen on every
        // interface. Tests in the same JVM that start one, such as QuerySideIntegrationTest, rely on this value.
        System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    private final String url;
    private final JdbcEventStorageEngine writer;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private long appended;

    private EventStoreTables(String url, JdbcEventStorageEngine writer) {
        this.url = url;
        this.writer = writer;
    }

    /** Creates a new database, named uniquely, that lives until the JVM ends. */
    public static EventStoreTables create() {
        String url = "jdbc:h2:mem:events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder()
                        .findAndAddModules()
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .build())
                .build();
        JdbcEventStorageEngine writer = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .dataType(byte[].class)
                .build();
        writer.createSchema(PostgresEventTableFactory.INSTANCE);
        return new EventStoreTables(url, writer);
    }

    public String url() {
        return url;
    }

    /** Appends the events in one batch, each recorded one second after its business time. */
    public synchronized void append(IncidentEvent... events) {
        appendWithMetaData(Map.of(), events);
    }

    /** Appends the events in one batch, each with {@code metaData}, such as the provenance of an import. */
    public synchronized void appendWithMetaData(Map<String, ?> metaData, IncidentEvent... events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (IncidentEvent event : events) {
            String incidentId = event.incidentId().value();
            long sequence = nextSequence.merge(incidentId, 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>("Incident", incidentId, sequence, event, metaData,
                    UUID.randomUUID().toString(), event.occurredAt().plusSeconds(1)));
        }
        writer.appendEvents(messages);
        appended += messages.size();
    }

    /**
     * Appends one event of another aggregate type, such as a saved business calendar, as the next event of the
     * aggregate {@code aggregateId}, recorded one second after {@code occurredAt}.
     */
    public synchronized void append(String aggregateType, String aggregateId, Object payload, Instant occurredAt) {
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        writer.appendEvents(List.of(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                Map.of(), UUID.randomUUID().toString(), occurredAt.plusSeconds(1))));
        appended++;
    }

    /**
     * Appends one incident event recorded at {@code recordedAt}, such as a change recorded well after it happened,
     * with the given metadata.
     */
    public synchronized void appendRecordedAt(IncidentEvent event, Instant recordedAt, Map<String, ?> metaData) {
        String incidentId = event.incidentId().value();
        long sequence = nextSequence.merge(incidentId, 1L, Long::sum) - 1;
        writer.appendEvents(List.of(new GenericDomainEventMessage<>("Incident", incidentId, sequence, event,
                metaData, UUID.randomUUID().toString(), recordedAt)));
        appended++;
    }

    /**
     * Appends an event of no aggregate, as the command side's event bus publishes it, recorded at
     * {@code recordedAt}. The storage engine keeps it under its own identifier as the aggregate id.
     */
    public synchronized void appendUnscoped(Object payload, Instant recordedAt) {
        writer.appendEvents(List.of(new GenericEventMessage<>(UUID.randomUUID().toString(), payload, Map.of(),
                recordedAt)));
        appended++;
    }

    /** Returns the number of events appended so far, which is the global index the processors must reach. */
    public synchronized long appended() {
        return appended;
    }
}
