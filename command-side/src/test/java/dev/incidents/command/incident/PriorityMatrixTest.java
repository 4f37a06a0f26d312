package dev.incidents.command.incident;

import dev.incidents.api.incident.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.incidents.command.incident.IncidentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The configurable priority matrix: its validation and its use when incidents are reported and classified. */
class PriorityMatrixTest {

    /** A matrix in which urgency counts more than impact, unlike the ITIL default. */
    private static final Map<String, List<String>> URGENCY_FIRST = Map.of(
            "HIGH", List.of("P1", "P3", "P5"),
            "MEDIUM", List.of("P1", "P4", "P5"),
            "LOW", List.of("P2_HIGH", "P4", "P5"));

    @Test
    void defaultIsItilMatrix() {
        for (Impact impact : Impact.values()) {
            for (Urgency urgency : Urgency.values()) {
                assertThat(PriorityMatrix.parse(Map.of()).of(impact, urgency))
                        .as("%s x %s", impact, urgency)
                        .isEqualTo(Priority.values()[impact.level() + urgency.level() - 2]);
            }
        }
    }

    @Test
    void configuredMatrixAcceptsNumbersAndNames() {
        PriorityMatrix matrix = PriorityMatrix.parse(URGENCY_FIRST);

        assertThat(matrix.of(Impact.LOW, Urgency.HIGH)).isEqualTo(Priority.P2_HIGH);
        assertThat(matrix.of(Impact.HIGH, Urgency.MEDIUM)).isEqualTo(Priority.P3_MODERATE);
        assertThat(matrix.of(Impact.MEDIUM, Urgency.LOW)).isEqualTo(Priority.P5_PLANNING);
    }

    @Test
    void missingRowIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PriorityMatrix.parse(Map.of("HIGH", List.of("P1", "P2", "P3"))))
                .withMessageContaining("incidents.priority.matrix")
                .withMessageContaining("MEDIUM")
                .withMessageContaining("LOW");
    }

    @Test
    void shortRowIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PriorityMatrix.parse(Map.of("HIGH", List.of("P1", "P2"),
                        "MEDIUM", List.of("P2", "P3", "P4"), "LOW", List.of("P3", "P4", "P5"))))
                .withMessageContaining("row HIGH has 2 values");
    }

    @Test
    void unknownPriorityIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PriorityMatrix.parse(Map.of("HIGH", List.of("P1", "P9", "P3"),
                        "MEDIUM", List.of("P2", "P3", "P4"), "LOW", List.of("P3", "P4", "P5"))))
                .withMessageContaining("urgency MEDIUM")
                .withMessageContaining("'P9'");
    }

    @Test
    void unknownImpactIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PriorityMatrix.parse(Map.of("HUGE", List.of("P1", "P2", "P3"))))
                .withMessageContaining("'HUGE'");
    }

    @Test
    void reportUsesConfiguredMatrix() {
        IncidentFixtures.newFixture(LIFECYCLE, PriorityMatrix.parse(URGENCY_FIRST), new InMemoryDuplicateRegistry())
                .givenNoPriorActivity()
                .when(new ReportIncidentCommand(ID, "Mail is down", null, new UserId("rita"), "email", Impact.LOW,
                        Urgency.HIGH, SERVICE_DESK, null, null, DESK_ANALYST, at(0)))
                .expectEvents(new IncidentReported(ID, "Mail is down", null, new UserId("rita"), "email", Impact.LOW,
                        Urgency.HIGH, Priority.P2_HIGH, SERVICE_DESK, DESK_ANALYST, at(0)));
    }

    @Test
    void reclassifyRecordsOldAndNewPriority() {
        IncidentFixtures.newFixture(LIFECYCLE, PriorityMatrix.parse(URGENCY_FIRST), new InMemoryDuplicateRegistry())
                .given(reported())
                .when(new ClassifyIncidentCommand(ID, "email", Impact.MEDIUM, Urgency.HIGH, DESK_ANALYST, at(10)))
                .expectEvents(new IncidentClassified(ID, "email", Impact.MEDIUM, Urgency.HIGH, Priority.P1_CRITICAL,
                        "email", Impact.MEDIUM, Urgency.MEDIUM, Priority.P3_MODERATE, DESK_ANALYST, at(10)));
    }
}
