package dev.incidents.api.sla;

import dev.incidents.api.snapshot.SerializedByFields;

import java.time.Instant;

/**
 * The latest resolution time promised for an incident, and whether the incident kept it. The promise is a fixed
 * instant that pauses and priority changes never move.
 */
@SerializedByFields
final class ResolutionPromise {

    private Instant promisedFor;
    private Instant promisedAt;
    private String promisedBy;
    /** Latest resolution that still holds: null before the first one and after a reopen or rejection. */
    private Instant resolvedAt;
    private Instant cancelledAt;

    /** Replaces any earlier promise. */
    void promise(Instant newPromisedFor, Instant at, String by) {
        promisedFor = newPromisedFor;
        promisedAt = at;
        promisedBy = by;
    }

    void resolve(Instant at) {
        resolvedAt = at;
    }

    /** Forgets the resolution after a reopen or a rejected resolution, so the promise is judged by the next one. */
    void unresolve() {
        resolvedAt = null;
    }

    void cancel(Instant at) {
        cancelledAt = at;
    }

    /**
     * Returns the promise at {@code asOf}, or null when no promise was made. A cancelled incident keeps the judgement
     * it had at the cancellation: missed if {@code promisedFor} had passed, otherwise open for good.
     */
    PromiseReading readingAt(Instant asOf) {
        if (promisedFor == null) {
            return null;
        }

        Boolean kept;
        if (resolvedAt != null) {
            kept = !resolvedAt.isAfter(promisedFor);
        } else {
            Instant judgedAt = cancelledAt != null ? cancelledAt : asOf;
            kept = judgedAt.isAfter(promisedFor) ? Boolean.FALSE : null;
        }
        return new PromiseReading(promisedFor, promisedAt, promisedBy, kept);
    }
}
