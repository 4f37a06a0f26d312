package dev.incidents.command.web;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.ReportIncidentCommand;
import dev.incidents.api.incident.ResolveIncidentCommand;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.command.CommandSideApplication;
import dev.incidents.command.servicelevel.ServiceLevelStreams;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deadline scheduled before the command side stops fires after it starts again on the same data folder,
 * because db-scheduler keeps it in the event store's H2 database.
 */
class DeadlineRestartIntegrationTest {

    private static final Actor ANALYST = Actor.of("sam", "SERVICE-DESK");

    @Test
    void autoCloseFiresAfterRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("deadline-restart-test");
        IncidentId id = new IncidentId("INC-RESTART-1");

        try (ConfigurableApplicationContext first = start(dataDir)) {
            CommandGateway gateway = first.getBean(CommandGateway.class);
            gateway.sendAndWait(new ReportIncidentCommand(id, "Backup failed", null, new UserId("rita"), null,
                    Impact.LOW, Urgency.LOW, new SupportGroupId("SERVICE-DESK"), new SupportGroupId("OPS"), null,
                    ANALYST, null));
            gateway.sendAndWait(new ResolveIncidentCommand(id, "rerun", null, null, ANALYST, null));

            assertThat(scheduledDeadlines(first)).isEqualTo(1);
        }

        Instant restartedAt = Instant.now();
        try (ConfigurableApplicationContext second = start(dataDir)) {
            EventStore eventStore = second.getBean(EventStore.class);
            Instant end = Instant.now().plusSeconds(30);
            List<? extends DomainEventMessage<?>> events = List.of();
            while (Instant.now().isBefore(end)) {
                events = eventStore.readEvents(id.value()).asStream().toList();
                if (events.stream().anyMatch(event -> event.getPayload() instanceof IncidentClosed)) {
                    break;
                }
                Thread.sleep(200);
            }

            DomainEventMessage<?> last = events.get(events.size() - 1);
            assertThat(last.getPayload()).isInstanceOf(IncidentClosed.class);
            assertThat(((IncidentClosed) last.getPayload()).actor()).isEqualTo(Actor.rule("auto-close/v1"));
            assertThat(last.getTimestamp()).as("recorded after the restart").isAfter(restartedAt);
            assertThat(scheduledDeadlines(second)).isZero();
            // The service levels file added the standard policy on the first start only.
            assertThat(eventStore.readEvents(ServiceLevelStreams.policy("standard")).asStream().count())
                    .isEqualTo(1);
        }
    }

    private static long scheduledDeadlines(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        return jdbc.queryForObject("select count(*) from scheduled_tasks", Long.class);
    }

    /** Starts the command side with an auto-close time that outlasts the first run but not the restart. */
    private static ConfigurableApplicationContext start(Path dataDir) throws IOException {
        // Command-line arguments, because application.yml would override default properties.
        return new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--incidents.store.data-dir=" + dataDir,
                "--incidents.store.h2-port=" + freePort(),
                "--incidents.store.mongo-port=" + freePort(),
                "--incidents.store.deadline-polling-interval=PT0.2S",
                "--incidents.organisation.file=" + TemporaryStores.ORGANISATION_FILE,
                "--incidents.service-levels.file=" + TemporaryStores.SERVICE_LEVELS_FILE,
                "--incidents.security.bcrypt-strength=4",
                "--incidents.lifecycle.auto-close-after=PT4S");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
