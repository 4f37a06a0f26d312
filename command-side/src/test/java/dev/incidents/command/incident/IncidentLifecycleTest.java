package dev.incidents.command.incident;

import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.IncidentState;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every command in every state: where the lifecycle table allows it, the command applies events and leaves
 * the expected state. Where it does not, it is rejected with COMMAND_NOT_ALLOWED and changes nothing.
 */
class IncidentLifecycleTest {

    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = IncidentFixtures.newFixture();
    }

    static Stream<Arguments> everyCommandInEveryState() {
        List<Arguments> cases = new ArrayList<>();
        for (IncidentCommand command : IncidentCommand.values()) {
            if (command == IncidentCommand.REPORT) {
                continue;
            }
            for (IncidentState state : IncidentState.values()) {
                cases.add(Arguments.of(command, state));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyCommandInEveryState")
    void commandFollowsLifecycleTable(IncidentCommand command, IncidentState state) {
        var given = fixture.given(IncidentFixtures.eventsFor(state));

        if (command.isAllowedIn(state)) {
            given.when(IncidentFixtures.commandFor(command))
                    .expectSuccessfulHandlerExecution()
                    .expectState(incident -> assertThat(stateOf(incident)).isEqualTo(expectedState(command, state)));
        } else {
            given.when(IncidentFixtures.commandFor(command))
                    .expectNoEvents()
                    .expectException(IncidentRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("incident INC-1"),
                            org.hamcrest.Matchers.containsString("state " + state)))
                    .expectException(RuleViolationMatcher.rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED));
        }
    }

    private static IncidentState expectedState(IncidentCommand command, IncidentState before) {
        return switch (command) {
            case ASSIGN, REASSIGN, RETURN_TO_SERVICE_DESK, RELEASE, ESCALATE, REOPEN -> IncidentState.ASSIGNED;
            case ACCEPT, RESUME, REJECT_RESOLUTION -> IncidentState.IN_PROGRESS;
            case PEND -> IncidentState.PENDING;
            case RESOLVE, REVOKE_CLOSURE -> IncidentState.RESOLVED;
            case CLOSE -> IncidentState.CLOSED;
            case CANCEL, MARK_DUPLICATE -> IncidentState.CANCELLED;
            case CLASSIFY, ADD_WORK_NOTE, TRANSFER_OWNERSHIP, PROMISE_RESOLUTION, REPORT -> before;
        };
    }

    static IncidentState stateOf(Incident incident) {
        try {
            var field = Incident.class.getDeclaredField("state");
            field.setAccessible(true);
            return (IncidentState) field.get(incident);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the incident's state", e);
        }
    }
}
