package dev.incidents.command.web;

import dev.incidents.command.CommandSideApplication;
import dev.incidents.command.servicelevel.InvalidServiceLevelsFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An invalid service levels file stops the command side at start with a message that names the entry. */
class InvalidServiceLevelsStartTest {

    @TempDir
    Path folder;

    @Test
    void invalidFileStopsStartNamingEntry() throws Exception {
        String shipped = Files.readString(TemporaryStores.SERVICE_LEVELS_FILE);
        Path broken = Files.writeString(folder.resolve("service-levels.yml"),
                shipped.replace("P3: {response: PT1H, resolution: PT24H}", "P3: {response: PT1H, resolution: 1d}"));

        assertThatThrownBy(() -> new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--incidents.store.data-dir=" + folder.resolve("data"),
                "--incidents.store.h2-port=" + freePort(),
                "--incidents.store.mongo-port=" + freePort(),
                "--incidents.organisation.file=" + TemporaryStores.ORGANISATION_FILE,
                "--incidents.service-levels.file=" + broken,
                "--incidents.security.bcrypt-strength=4"))
                .hasRootCauseInstanceOf(InvalidServiceLevelsFileException.class)
                .rootCause()
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("policy 'standard' version 1: targets.P3.resolution '1d' is not an ISO-8601"
                        + " duration");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
