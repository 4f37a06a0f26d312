package dev.incidents.command.web;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Points a test's command side at a new data folder and free loopback ports for its embedded stores. */
final class TemporaryStores {

    private TemporaryStores() {
    }

    static void register(DynamicPropertyRegistry registry, String name) throws IOException {
        Path dataDir = Files.createTempDirectory(name);
        int h2Port = freePort();
        int mongoPort = freePort();
        registry.add("incidents.store.data-dir", dataDir::toString);
        registry.add("incidents.store.h2-port", () -> h2Port);
        registry.add("incidents.store.mongo-port", () -> mongoPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
