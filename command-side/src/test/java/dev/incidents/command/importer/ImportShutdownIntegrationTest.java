package dev.incidents.command.importer;

import dev.incidents.api.incident.UserId;
import dev.incidents.command.CommandSideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the command side in the middle of an import: the import stops before Axon unsubscribes the command
 * handlers, so no worker sends a command that nothing handles any more, and the import reports how to continue.
 */
@ExtendWith(OutputCaptureExtension.class)
class ImportShutdownIntegrationTest {

    private static final int INCIDENTS = 3_000;

    @TempDir
    Path folder;

    @Test
    void shutdownStopsImportCleanly(CapturedOutput output) throws Exception {
        Path dataDir = Files.createDirectories(folder.resolve("data"));
        ConfigurableApplicationContext context = new SpringApplication(CommandSideApplication.class).run(
                "--server.port=0",
                "--incidents.store.data-dir=" + dataDir,
                "--incidents.store.h2-port=" + freePort(),
                "--incidents.store.mongo-port=" + freePort(),
                "--incidents.organisation.file=" + Path.of("src/test/resources/test-organisation.yml").toAbsolutePath(),
                "--incidents.service-levels.file=" + Path.of("../config/service-levels.yml").toAbsolutePath(),
                "--incidents.security.bcrypt-strength=4");
        ImportService imports = context.getBean(ImportService.class);
        ImportProgress started;
        try (InputStream log = Files.newInputStream(serviceNowLog())) {
            started = imports.start(ImportService.FORMAT_SERVICENOW, log, null, null, 1, new UserId("adam"));
        }
        awaitAppliedRecords(imports, started.importId());

        context.close();

        ImportProgress stopped = imports.progress(started.importId()).orElseThrow();
        assertThat(stopped.state()).isEqualTo("FAILED");
        assertThat(stopped.error()).contains("the command side stopped during the import", "Run the same import again");
        assertThat(stopped.sourceRecords()).as("records read before the stop").isLessThan(stopped.totalRecords());
        assertThat(output.getAll()).contains("Import " + started.importId() + " stopped with the command side");
        assertThat(output.getAll()).doesNotContain("NoHandlerForCommandException");
    }

    /** Writes a log of {@value #INCIDENTS} incidents, each reported and then worked on by its group. */
    private Path serviceNowLog() throws IOException {
        ServiceNowLogBuilder log = new ServiceNowLogBuilder();
        for (int number = 1; number <= INCIDENTS; number++) {
            String incident = "INC" + number;
            log.row(incident, 0, "New", "Group 1", "1/3/2016 08:00");
            log.row(incident, 1, "Active", "Group 2", "1/3/2016 09:00", "reassignment_count=1");
        }
        return log.writeTo(folder);
    }

    private static void awaitAppliedRecords(ImportService imports, String importId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (imports.progress(importId).orElseThrow().appliedRecords() < 50) {
            assertThat(System.nanoTime()).as("records applied within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
