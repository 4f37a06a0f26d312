package dev.incidents.command.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressFormatterTest {

    @Test
    void importProgressShowsCountsRateAndTimeLeft() {
        ImportStatus status = running(12_000L, 65_533L, 950.4, 18.31, 57.4);

        assertThat(ProgressFormatter.importProgress(status))
                .isEqualTo("importing: 12,000 of 65,533 records (18.3%), 950 records/s, 57s left");
    }

    @Test
    void importProgressLeavesOutFiguresNotSentYet() {
        ImportStatus status = running(0L, null, null, null, null);

        assertThat(ProgressFormatter.importProgress(status)).isEqualTo("importing: 0 records");
    }

    @Test
    void importProgressShowsMissingCountAsDash() {
        ImportStatus status = running(null, 10L, null, null, null);

        assertThat(ProgressFormatter.importProgress(status)).isEqualTo("importing: - of 10 records");
    }

    @Test
    void durationUsesLargestUnits() {
        assertThat(ProgressFormatter.duration(0)).isEqualTo("0s");
        assertThat(ProgressFormatter.duration(59.4)).isEqualTo("59s");
        assertThat(ProgressFormatter.duration(59.6)).isEqualTo("1m 00s");
        assertThat(ProgressFormatter.duration(185)).isEqualTo("3m 05s");
        assertThat(ProgressFormatter.duration(3_720)).isEqualTo("1h 02m");
        assertThat(ProgressFormatter.duration(-5)).isEqualTo("0s");
    }

    @Test
    void countUsesThousandsSeparators() {
        assertThat(ProgressFormatter.count(65_533L)).isEqualTo("65,533");
        assertThat(ProgressFormatter.count(7L)).isEqualTo("7");
        assertThat(ProgressFormatter.count(null)).isEqualTo("-");
    }

    @Test
    void projectionProgressListsEachProcessor() {
        ProjectionStatus status = new ProjectionStatus(false, 70_100L, List.of(
                new ProjectionStatus.Processor("incident-summary", 70_100L, true, 0L, false, null),
                new ProjectionStatus.Processor("audit-trail", 68_000L, false, 2_100L, false, null)));

        assertThat(ProgressFormatter.projectionProgress(status)).isEqualTo(
                "query side catching up with event store head 70,100: incident-summary 70,100 (lag 0), "
                        + "audit-trail 68,000 (lag 2,100)");
    }

    @Test
    void projectionProgressShowsProcessorError() {
        ProjectionStatus status = new ProjectionStatus(false, 10L, List.of(
                new ProjectionStatus.Processor("audit-trail", 4L, false, 6L, true, "duplicate key")));

        assertThat(ProgressFormatter.projectionProgress(status)).isEqualTo(
                "query side catching up with event store head 10: audit-trail 4 (lag 6) retrying after error: "
                        + "duplicate key");
    }

    @Test
    void projectionProgressWithoutProcessors() {
        ProjectionStatus status = new ProjectionStatus(true, 0L, null);

        assertThat(ProgressFormatter.projectionProgress(status))
                .isEqualTo("query side caught up with event store head 0");
    }

    private static ImportStatus running(Long source, Long total, Double rate, Double percent, Double secondsLeft) {
        return new ImportStatus("imp-1", "bpic2013", ImportStatus.RUNNING, total, source, source, Map.of(), Map.of(),
                null, rate, percent, secondsLeft, 3.0, null, null);
    }
}
