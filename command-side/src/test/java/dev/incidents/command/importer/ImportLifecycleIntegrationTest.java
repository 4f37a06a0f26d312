package dev.incidents.command.importer;

import dev.incidents.api.incident.UserId;
import dev.incidents.command.CommandSideApplication;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imports across the command side's start and stop, and the transaction of each imported incident. A stop in the
 * middle of an import ends it before Axon unsubscribes the command handlers. Uploads left by a killed run are deleted
 * at start, and an upload whose body breaks off leaves no file behind.
 */
@ExtendWith(OutputCaptureExtension.class)
class ImportLifecycleIntegrationTest {

    private static final int INCIDENTS = 3_000;

    @TempDir
    Path folder;

    @Test
    void shutdownStopsImportCleanly(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = startCommandSide(Files.createDirectories(folder.resolve("data")));
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

    /**
     * An incident with a rejected record is rolled back whole and imported again one command at a time, while the
     * incidents around it keep their single transaction. Had the rolled-back incident stayed in Axon's cache, its
     * second import would have skipped every record as already imported and stored nothing.
     */
    @Test
    void rejectedRecordRollsBackOnlyItsIncident(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = startCommandSide(Files.createDirectories(folder.resolve("data")));
        try {
            ImportProgress done = importWithRejectedReopen(context);

            assertThat(done.state()).isEqualTo("COMPLETED");
            assertThat(done.rejectedRecords()).containsExactly(Map.entry("COMMAND_NOT_ALLOWED on reopen", 1L));
            assertThat(done.appliedRecords()).isEqualTo(6);
            assertThat(done.sourceRecords()).isEqualTo(7);
            assertThat(done.incidents()).isEqualTo(3);
            assertThat(output.getAll())
                    .contains("incident 1-300 rolled back, importing it again one command at a time (IncidentRuleViolation")
                    .doesNotContain("incident 1-100 rolled back", "incident 1-400 rolled back");
            assertSameEvents(context.getBean(EventStore.class));
        } finally {
            context.close();
        }
    }

    /** While live commands run, every imported command has a transaction of its own, so nothing is rolled back. */
    @Test
    void liveCommandsKeepImportsOnCommandTransactions(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = startCommandSide(Files.createDirectories(folder.resolve("data")));
        LiveCommandTraffic live = context.getBean(LiveCommandTraffic.class);
        live.started();
        try {
            ImportProgress done = importWithRejectedReopen(context);

            assertThat(done.state()).isEqualTo("COMPLETED");
            assertThat(done.rejectedRecords()).containsExactly(Map.entry("COMMAND_NOT_ALLOWED on reopen", 1L));
            assertThat(done.appliedRecords()).isEqualTo(6);
            assertThat(output.getAll()).doesNotContain("rolled back");
            assertSameEvents(context.getBean(EventStore.class));
        } finally {
            live.finished();
            context.close();
        }
    }

    /**
     * Imports three incidents, one worker at a time, under a policy that rejects work after closure: 1-300 has a
     * third record that would reopen it.
     */
    private ImportProgress importWithRejectedReopen(ConfigurableApplicationContext context) throws Exception {
        Path log = new XesLogBuilder()
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Completed", "Closed", "X", "p1", "2012-05-01T09:02:00+02:00")
                .trace("1-100")
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Completed", "Closed", "X", "p1", "2012-05-01T09:02:00+02:00")
                .event("Accepted", "In Progress", "X", "p1", "2012-05-02T09:00:00+02:00")
                .trace("1-300")
                .event("Accepted", "In Progress", "X", "p1", "2012-05-01T09:00:00+02:00")
                .event("Completed", "Closed", "X", "p1", "2012-05-01T09:02:00+02:00")
                .trace("1-400")
                .writeTo(folder);
        ImportService imports = context.getBean(ImportService.class);
        ImportProgress started;
        try (InputStream upload = Files.newInputStream(log)) {
            started = imports.start(ImportService.FORMAT_BPIC2013, upload, false, null, 1, new UserId("adam"));
        }
        return awaitEnd(imports, started.importId());
    }

    /** Checks that the three incidents hold the same events, numbered from 0 without gaps. */
    private static void assertSameEvents(EventStore events) {
        List<String> closed = eventTypes(events, "1-100");
        assertThat(closed).endsWith("IncidentClosed");
        assertThat(eventTypes(events, "1-300")).isEqualTo(closed);
        assertThat(eventTypes(events, "1-400")).isEqualTo(closed);
        assertThat(events.readEvents("1-300").asStream().map(DomainEventMessage::getSequenceNumber))
                .as("sequence numbers of 1-300")
                .containsExactlyElementsOf(LongStream.range(0, closed.size()).boxed().toList());
    }

    @Test
    void leftAndBrokenUploadsLeaveNoFiles() throws Exception {
        Path dataDir = Files.createDirectories(folder.resolve("data"));
        Path uploads = Files.createDirectories(dataDir.resolve("imports"));
        Path left = Files.writeString(uploads.resolve("killed-run.upload"), "<log>");

        ConfigurableApplicationContext context = startCommandSide(dataDir);
        try {
            assertThat(left).as("upload left by a killed run").doesNotExist();

            ImportService imports = context.getBean(ImportService.class);
            InputStream broken = new SequenceInputStream(new ByteArrayInputStream(new byte[5_000]), new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new EOFException("connection closed");
                }
            });
            assertThatThrownBy(() -> imports.start(ImportService.FORMAT_BPIC2013, broken, null, null, null,
                    new UserId("adam")))
                    .isInstanceOf(UploadInterruptedException.class)
                    .hasMessageContaining("after 5000 bytes");
            try (Stream<Path> files = Files.list(uploads)) {
                assertThat(files.toList()).as("files in %s", uploads).isEmpty();
            }
        } finally {
            context.close();
        }
    }

    private static ConfigurableApplicationContext startCommandSide(Path dataDir) throws IOException {
        return new SpringApplication(CommandSideApplication.class).run(
                "--server.port=0",
                "--incidents.store.data-dir=" + dataDir,
                "--incidents.store.h2-port=" + freePort(),
                "--incidents.store.mongo-port=" + freePort(),
                "--incidents.organisation.file=" + Path.of("src/test/resources/test-organisation.yml").toAbsolutePath(),
                "--incidents.service-levels.file=" + Path.of("../config/service-levels.yml").toAbsolutePath(),
                "--incidents.security.bcrypt-strength=4");
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

    private static List<String> eventTypes(EventStore events, String incidentId) {
        return events.readEvents(incidentId).asStream().map(event -> event.getPayloadType().getSimpleName()).toList();
    }

    private static ImportProgress awaitEnd(ImportService imports, String importId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ImportProgress progress = imports.progress(importId).orElseThrow();
        while ("RUNNING".equals(progress.state())) {
            assertThat(System.nanoTime()).as("import ended within 60 s").isLessThan(deadline);
            Thread.sleep(20);
            progress = imports.progress(importId).orElseThrow();
        }
        return progress;
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
