package dev.incidents.query.projection;

import java.time.Duration;
import java.time.Instant;

import dev.incidents.api.query.ProcessorStatus;
import dev.incidents.api.query.RebuildProgress;

/**
 * State of one rebuild of a processor. The rebuild thread changes it while the request threads, the completion check
 * and the metrics read it, so every method is synchronized.
 */
final class Rebuild {

    enum State { RUNNING, DONE, FAILED }

    private final String id;
    private final String processor;
    private final String requestedBy;
    private final Instant startedAt;
    private State state = State.RUNNING;
    /** Events the processor had handled before its tokens were reset; null until the reset. */
    private Long handledBeforeReset;
    private long eventsDoneAtFinish;
    private Instant finishedAt;
    private String error;

    Rebuild(String id, String processor, String requestedBy, Instant startedAt) {
        this.id = id;
        this.processor = processor;
        this.requestedBy = requestedBy;
        this.startedAt = startedAt;
    }

    String id() {
        return id;
    }

    String processor() {
        return processor;
    }

    synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /** Returns true once the tokens are reset and the processor started again, so completion can be checked. */
    synchronized boolean isReplaying() {
        return state == State.RUNNING && handledBeforeReset != null;
    }

    synchronized void replayStarted(long handledBefore) {
        handledBeforeReset = handledBefore;
    }

    synchronized void done(long handledNow, Instant at) {
        eventsDoneAtFinish = eventsDone(handledNow);
        finishedAt = at;
        state = State.DONE;
    }

    synchronized void failed(String reason, long handledNow, Instant at) {
        eventsDoneAtFinish = eventsDone(handledNow);
        finishedAt = at;
        error = reason;
        state = State.FAILED;
    }

    /**
     * Returns the figures of this rebuild. Events done, the rate and the elapsed time stop at the finish; position,
     * head and lag are those of {@code status} and keep moving as new events arrive.
     */
    synchronized RebuildProgress progress(ProcessorStatus status, long head, long handledNow, Instant now) {
        long eventsDone = state == State.RUNNING ? eventsDone(handledNow) : eventsDoneAtFinish;
        double elapsedSeconds = Duration.between(startedAt, finishedAt == null ? now : finishedAt).toNanos() / 1e9;
        double eventsPerSecond = elapsedSeconds > 0 ? eventsDone / elapsedSeconds : 0;
        return new RebuildProgress(id, processor, state.name(), requestedBy, startedAt, finishedAt, elapsedSeconds,
                eventsDone, eventsPerSecond, secondsLeft(status.lag(), eventsPerSecond), status.position(), head,
                status.lag(), error);
    }

    private Double secondsLeft(Long lag, double eventsPerSecond) {
        if (state == State.DONE) {
            return 0.0;
        }
        if (state == State.FAILED || lag == null || eventsPerSecond <= 0) {
            return null;
        }
        return lag / eventsPerSecond;
    }

    private long eventsDone(long handledNow) {
        return handledBeforeReset == null ? 0 : Math.max(0, handledNow - handledBeforeReset);
    }
}
