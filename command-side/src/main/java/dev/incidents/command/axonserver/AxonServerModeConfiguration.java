package dev.incidents.command.axonserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.incidents.command.config.StoreProperties;

/**
 * The command side with Axon Server (profile {@code axonserver}): Axon Server stores the events and routes commands
 * and queries, so the H2 event store and its TCP server do not start. The tables that only this process uses (the
 * deadlines of db-scheduler, the duplicate registry and the idempotency keys) stay in a local H2 file that no server
 * shares, which limits this mode to one command-side instance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class AxonServerModeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AxonServerModeConfiguration.class);

    /** Name of the H2 file of the command side's own tables, in the folder {@code command-store} of the data folder. */
    static final String DATABASE_NAME = "command";

    /**
     * Opens the local H2 file of the command side's own tables. WRITE_DELAY=0 writes each commit at once, so an
     * idempotency key or a deadline that a response already reported survives a crash. No TCP server serves this
     * file, so its user has no password: only processes that may read the data folder can open it.
     */
    @Bean(destroyMethod = "close")
    DataSource commandStoreDataSource(StoreProperties properties) throws IOException {
        Path folder = properties.dataDir().resolve("command-store");
        Files.createDirectories(folder);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + folder.resolve(DATABASE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setPoolName("command-store");
        log.info("Axon Server mode: events in Axon Server, deadlines, duplicate links and idempotency keys in {}",
                folder);
        return new HikariDataSource(config);
    }
}
