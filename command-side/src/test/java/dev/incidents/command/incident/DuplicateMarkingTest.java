package dev.incidents.command.incident;

import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static dev.incidents.command.incident.IncidentFixtures.*;
import static dev.incidents.command.incident.RuleViolationMatcher.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Cancelling an incident as a duplicate of another, and the rules that keep duplicates free of chains. */
class DuplicateMarkingTest {

    private static final IncidentId OTHER = new IncidentId("INC-7");

    private final InMemoryDuplicateRegistry registry = new InMemoryDuplicateRegistry().withOpen(ORIGINAL);

    private AggregateTestFixture<Incident> fixture() {
        return IncidentFixtures.newFixture(LIFECYCLE, PriorityMatrix.ITIL, registry);
    }

    private static MarkAsDuplicateCommand markAsDuplicateOf(IncidentId originalId) {
        return new MarkAsDuplicateCommand(ID, originalId, "same outage", DESK_ANALYST, at(10));
    }

    @Test
    void duplicateIsCancelledWithLinkToOriginal() {
        fixture().given(reported(), assigned())
                .when(markAsDuplicateOf(ORIGINAL))
                .expectEvents(new IncidentCancelled(ID, CancelReason.DUPLICATE, "duplicate of INC-0: same outage",
                        IncidentState.ASSIGNED, DESK_ANALYST, at(10), ORIGINAL));

        assertThat(registry.links()).containsEntry(ID, ORIGINAL);
    }

    @Test
    void markingCancelsEscalationOfAssignment() {
        fixture().givenCurrentTime(at(1))
                .andGiven(reported())
                .andGivenCommands(new AssignIncidentCommand(ID, NET, null, DESK_ANALYST, at(1)))
                .when(markAsDuplicateOf(ORIGINAL))
                .expectNoScheduledDeadlines();
    }

    @Test
    void duplicateOfItselfIsInvalid() {
        fixture().given(reported())
                .when(markAsDuplicateOf(ID))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT));
        assertThat(registry.links()).isEmpty();
    }

    @Test
    void unknownOriginalIsInvalid() {
        fixture().given(reported())
                .when(markAsDuplicateOf(OTHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.INVALID_INPUT))
                .expectExceptionMessage(containsString("INC-7"));
    }

    @Test
    void closedOriginalIsRejected() {
        registry.withClosedOrCancelled(OTHER);

        fixture().given(reported())
                .when(markAsDuplicateOf(OTHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED))
                .expectExceptionMessage(containsString("CLOSED or CANCELLED"));
    }

    @Test
    void originalThatIsDuplicateIsRejected() {
        registry.withOpen(OTHER).withLink(OTHER, ORIGINAL);

        fixture().given(reported())
                .when(markAsDuplicateOf(OTHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED))
                .expectExceptionMessage(containsString("itself a duplicate of INC-0"));
    }

    @Test
    void originalOfDuplicatesCannotBecomeDuplicate() {
        registry.withLink(OTHER, ID);

        fixture().given(reported())
                .when(markAsDuplicateOf(ORIGINAL))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED))
                .expectExceptionMessage(containsString("INC-7"));
        assertThat(registry.links()).doesNotContainKey(ID);
    }

    @Test
    void resolvedIncidentCannotBeMarked() {
        fixture().given(reported(), assigned(), accepted(), resolved())
                .when(markAsDuplicateOf(ORIGINAL))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMAND_NOT_ALLOWED));
    }
}
