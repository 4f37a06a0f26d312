package dev.incidents.command.web;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.RejectResolutionCommand;
import dev.incidents.api.incident.ReportIncidentCommand;
import dev.incidents.api.incident.ResolveIncidentCommand;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling the deadlines of one incident removes its scheduled tasks and leaves those of other incidents, with
 * every scheduled task listed in the deadline schedule index before and after.
 */
@SpringBootTest(properties = "incidents.lifecycle.auto-close-after=PT1H")
class DeadlineCancellationIntegrationTest {

    private static final Actor DESK = Actor.of("sam", "SERVICE-DESK");

    @Autowired
    CommandGateway gateway;

    @Autowired
    DataSource dataSource;

    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        TemporaryStores.register(registry, "deadline-cancellation-test");
    }

    @BeforeEach
    void createJdbcTemplate() {
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    void rejectedResolutionCancelsOwnAutoClose() {
        IncidentId first = new IncidentId("INC-DEADLINE-1");
        IncidentId second = new IncidentId("INC-DEADLINE-2");
        reportAndResolve(first);
        reportAndResolve(second);

        assertThat(autoCloses(first)).hasSize(1);
        assertThat(autoCloses(second)).hasSize(1);
        assertThat(scheduledTasks()).containsExactlyInAnyOrderElementsOf(indexedSchedules());

        gateway.sendAndWait(new RejectResolutionCommand(first, "still broken", DESK, null));

        assertThat(autoCloses(first)).isEmpty();
        assertThat(autoCloses(second)).hasSize(1);
        assertThat(scheduledTasks()).contains(autoCloses(second).get(0));
        assertThat(scheduledTasks()).containsExactlyInAnyOrderElementsOf(indexedSchedules());
    }

    private void reportAndResolve(IncidentId id) {
        gateway.sendAndWait(new ReportIncidentCommand(id, "Mail queue stuck", null, new UserId("rita"), null,
                Impact.LOW, Urgency.LOW, new SupportGroupId("SERVICE-DESK"), new SupportGroupId("OPS"), null,
                DESK, null));
        gateway.sendAndWait(new ResolveIncidentCommand(id, "restarted", null, null, DESK, null));
    }

    private List<String> autoCloses(IncidentId id) {
        return jdbc.queryForList("select schedule_id from deadline_schedules where deadline_name = 'auto-close'"
                + " and scope_key like ?", String.class, "%[" + id.value() + "]%");
    }

    private List<String> scheduledTasks() {
        return jdbc.queryForList("select task_instance from scheduled_tasks", String.class);
    }

    private List<String> indexedSchedules() {
        return jdbc.queryForList("select schedule_id from deadline_schedules", String.class);
    }
}
