package dev.incidents.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Locations and loopback ports of the embedded stores.
 *
 * @param dataDir folder for the H2 event store and the embedded MongoDB files
 * @param h2Port TCP port of the H2 server through which the query side reads events
 * @param mongoPort port of the embedded MongoDB wire server
 * @param mongoUri URI of an external MongoDB; when set, no embedded MongoDB server starts
 * @param bindAddress address both embedded servers bind to
 * @param deadlinePollingInterval how often the deadline scheduler looks for due deadlines (default 5 seconds)
 * @param mongoCacheMb megabytes of heap for the embedded MongoDB server's cache of its file's pages (default 64)
 */
@ConfigurationProperties("incidents.store")
public record StoreProperties(Path dataDir, int h2Port, int mongoPort, String mongoUri, String bindAddress,
                              Duration deadlinePollingInterval, int mongoCacheMb) {

    public StoreProperties {
        dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
        deadlinePollingInterval = deadlinePollingInterval == null || deadlinePollingInterval.isZero()
                ? Duration.ofSeconds(5) : deadlinePollingInterval;
        mongoCacheMb = mongoCacheMb <= 0 ? 64 : mongoCacheMb;
    }

    public boolean embeddedMongo() {
        return mongoUri == null || mongoUri.isBlank();
    }

    public Path eventStoreDir() {
        return dataDir.resolve("event-store");
    }

    /** Owner-only file with the password of the event store's admin, which only the command side uses. */
    public Path eventStoreAdminFile() {
        return dataDir.resolve("security").resolve("event-store-admin");
    }

    /** Owner-only file with the read-only event store user that the query side connects as. */
    public Path eventStoreReaderFile() {
        return dataDir.resolve("security").resolve("event-store-reader");
    }
}
