package dev.incidents.command.web;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points a test's command side at a new data folder and free loopback ports for its embedded stores, and at the test
 * organisation and the repository's service levels file. The command side generates the users' passwords into the data folder on start, hashed with the
 * lowest bcrypt strength so that checking them does not slow the tests down.
 */
final class TemporaryStores {

    static final Path ORGANISATION_FILE = Path.of("src/test/resources/test-organisation.yml").toAbsolutePath();
    /** The repository's service levels file, so the tests start with the calendar and policy a user gets. */
    static final Path SERVICE_LEVELS_FILE = Path.of("../config/service-levels.yml").toAbsolutePath().normalize();

    private TemporaryStores() {
    }

    /** Registers the properties and returns the new data folder. */
    static Path register(DynamicPropertyRegistry registry, String name) throws IOException {
        Path dataDir = Files.createTempDirectory(name);
        int h2Port = freePort();
        int mongoPort = freePort();
        registry.add("incidents.store.data-dir", dataDir::toString);
        registry.add("incidents.store.h2-port", () -> h2Port);
        registry.add("incidents.store.mongo-port", () -> mongoPort);
        registry.add("incidents.organisation.file", ORGANISATION_FILE::toString);
        registry.add("incidents.service-levels.file", SERVICE_LEVELS_FILE::toString);
        registry.add("incidents.security.bcrypt-strength", () -> 4);
        return dataDir;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
