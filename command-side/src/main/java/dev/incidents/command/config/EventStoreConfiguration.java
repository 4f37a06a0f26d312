package dev.incidents.command.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.incidents.access.security.RandomPasswords;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.SQLException;

/**
 * The embedded event store: Axon's JDBC storage engine on an H2 file in the data folder, shared with the query
 * side through H2's TCP server on the loopback address, where the query side connects as a read-only user
 * ({@link EventStoreUsers}). Measured here at about 4,200 commands/s over a store of 100,000 events; Axon's Mongo
 * event store on the in-JVM MongoDB server ran at 100-500 commands/s.
 */
@Configuration
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
class EventStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventStoreConfiguration.class);

    /** Name of the H2 database; the query side connects to {@code jdbc:h2:tcp://host:port/events}. */
    static final String DATABASE_NAME = "events";

    /**
     * Opens the event store as its admin, generating the admin's and the query side's passwords on the first start
     * and setting them on a database that still has the empty admin password. Runs before the TCP server starts, so
     * no other process can connect while the database is being secured.
     */
    @Bean
    EventStoreUsers eventStoreUsers(StoreProperties properties) throws IOException {
        Files.createDirectories(properties.eventStoreDir());
        H2BindAddress.apply(properties.bindAddress());
        return EventStoreUsers.open(jdbcUrl(properties), properties.eventStoreAdminFile(),
                properties.eventStoreReaderFile());
    }

    /**
     * Serves the event store to the query side. It takes the storage engine, so it starts only after the schema
     * exists and the read-only user may read it.
     */
    @Bean(initMethod = "start", destroyMethod = "stop")
    Server h2TcpServer(StoreProperties properties, EventStorageEngine eventStorageEngine) throws SQLException {
        log.info("Serving the event store over H2 TCP on {}:{}", properties.bindAddress(), properties.h2Port());
        // -ifExists: remote clients may open the event store but never create another database. -tcpPassword
        // protects the remote shutdown of the server. H2 2.3 picks a random one when none is given; passing one
        // keeps that true on any H2 version. Nothing needs it later, so it is kept nowhere.
        String shutdownPassword = new RandomPasswords(new SecureRandom()).next();
        return Server.createTcpServer("-tcpPort", String.valueOf(properties.h2Port()),
                "-baseDir", properties.eventStoreDir().toString(), "-ifExists", "-tcpDaemon",
                "-tcpPassword", shutdownPassword);
    }

    @Bean(destroyMethod = "close")
    DataSource eventStoreDataSource(StoreProperties properties, EventStoreUsers users) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl(properties));
        config.setUsername(users.admin().username());
        config.setPassword(users.admin().password());
        config.setMaximumPoolSize(8);
        config.setPoolName("event-store");
        return new HikariDataSource(config);
    }

    /**
     * Options of the event store's URL. WRITE_DELAY=0 writes each commit to the file at once: H2's default of 500 ms
     * could lose events that a command already reported as stored if this process crashed. H2 then writes a chunk of
     * the file per commit, and RETENTION_TIME=2000 lets it reuse the space of chunks that no page uses any more after 2
     * seconds instead of 45, which kept the file of the BPI Challenge 2013 log at 0.76 GB instead of 1.7 GB
     * ({@link EventStoreCompaction} takes it further). The longer retention protects against a machine that stops
     * before its disk has written its buffers. This store promises durability against a crash of the process only.
     */
    static final String URL_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=2000";

    /**
     * Returns the embedded URL of the event store. The TCP server resolves the remote name "events" to this same
     * file, so both sides share one database.
     */
    private static String jdbcUrl(StoreProperties properties) {
        return "jdbc:h2:file:" + properties.eventStoreDir().resolve(DATABASE_NAME) + URL_OPTIONS;
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver(DataSource dataSource) throws SQLException {
        return new SQLErrorCodesResolver(dataSource);
    }

    @Bean
    EventStorageEngine eventStorageEngine(DataSource dataSource,
                                          EventStoreUsers users,
                                          TransactionManager transactionManager,
                                          Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration) {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactionManager)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                // Skips snapshots of another revision than the aggregate's @Revision, as Axon's own engines do.
                .snapshotFilter(configuration.snapshotFilter())
                .dataType(byte[].class)
                .batchSize(1000)
                .build();
        // Axon's HSQL table factory emits DDL that H2 2.3 rejects; the PostgreSQL one is accepted by H2.
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        users.grantReaderAccess(dataSource);
        log.info("Event store ready in {}", dataSource);
        return engine;
    }
}
