package dev.incidents.api.sla;

import dev.incidents.api.incident.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceLevelPolicyTest {

    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void warningThresholdDefaultsToThreeQuarters() {
        assertThat(Events.standardPolicy().warningThreshold()).isEqualTo(0.75);
    }

    @Test
    void missingPriorityIsRejected() {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Events.standardPolicy().targets());
        targets.remove(Priority.P4_LOW);

        assertThatThrownBy(() -> new ServiceLevelPolicy("standard", 1, FROM, targets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P4_LOW");
    }

    @Test
    void thresholdOutsideRangeIsRejected() {
        Map<Priority, ServiceLevelTargets> targets = Events.standardPolicy().targets();

        for (double threshold : new double[] {0, -0.5, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> new ServiceLevelPolicy("standard", 1, FROM, targets, threshold))
                    .as("threshold %s", threshold)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("warning threshold " + threshold);
        }
    }

    @Test
    void versionBelowOneIsRejected() {
        assertThatThrownBy(() -> new ServiceLevelPolicy("standard", 0, FROM, Events.standardPolicy().targets()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 0");
    }

    @Test
    void blankIdIsRejected() {
        assertThatThrownBy(() -> new ServiceLevelPolicy(" ", 1, FROM, Events.standardPolicy().targets()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy id");
    }

    @Test
    void nonPositiveTargetIsRejected() {
        assertThatThrownBy(() -> new ServiceLevelTargets(Duration.ZERO, Duration.ofHours(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("response target PT0S");
        assertThatThrownBy(() -> new ServiceLevelTargets(Duration.ofHours(1), Duration.ofHours(-4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolution target PT-4H");
    }

    @Test
    void targetsAreCopied() {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Events.standardPolicy().targets());
        ServiceLevelPolicy policy = new ServiceLevelPolicy("standard", 1, FROM, targets);

        targets.put(Priority.P1_CRITICAL, new ServiceLevelTargets(Duration.ofHours(9), Duration.ofHours(9)));

        assertThat(policy.targetsFor(Priority.P1_CRITICAL).response()).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> policy.targets().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
