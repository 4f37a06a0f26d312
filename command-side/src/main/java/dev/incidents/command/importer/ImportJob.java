package dev.incidents.command.importer;

import dev.incidents.api.incident.LifecyclePolicy;
import dev.incidents.api.incident.UserId;

import java.time.Duration;
import java.time.Instant;

/** One run of an import: its file, policy, counts and state. Read by the API while workers update it. */
final class ImportJob {

    enum State { RUNNING, COMPLETED, FAILED }

    private final String importId;
    private final String format;
    private final LifecyclePolicy policy;
    private final UserId startedBy;
    private final ImportTally tally = new ImportTally();
    private final Instant startedAt;
    private volatile long totalRecords;
    private volatile State state = State.RUNNING;
    private volatile Instant finishedAt;
    private volatile String error;

    ImportJob(String importId, String format, LifecyclePolicy policy, UserId startedBy, Instant startedAt) {
        this.importId = importId;
        this.format = format;
        this.policy = policy;
        this.startedBy = startedBy;
        this.startedAt = startedAt;
    }

    String importId() {
        return importId;
    }

    String format() {
        return format;
    }

    LifecyclePolicy policy() {
        return policy;
    }

    ImportTally tally() {
        return tally;
    }

    void totalRecords(long count) {
        totalRecords = count;
    }

    void complete(Instant now) {
        finishedAt = now;
        state = State.COMPLETED;
    }

    void fail(String message, Instant now) {
        error = message;
        finishedAt = now;
        state = State.FAILED;
    }

    ImportProgress progress(Instant now) {
        Instant end = finishedAt != null ? finishedAt : now;
        double elapsed = Math.max(Duration.between(startedAt, end).toMillis() / 1000.0, 0.001);
        long done = tally.records();
        double rate = done / elapsed;
        double percent;
        if (totalRecords > 0) {
            percent = 100.0 * done / totalRecords;
        } else {
            percent = state == State.COMPLETED ? 100 : 0;
        }
        Double secondsLeft = state != State.RUNNING ? Double.valueOf(0)
                : rate > 0 && totalRecords > 0 ? (totalRecords - done) / rate : null;
        return new ImportProgress(importId, format, state.name(), totalRecords, done, tally.applied(),
                tally.skipped(), tally.rejected(), tally.incidents(), round(rate), round(percent),
                secondsLeft == null ? null : round(secondsLeft), round(elapsed), policy.reopenAfterClosure(),
                startedBy.value(), tally.counters().report(), error);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
