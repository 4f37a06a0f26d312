package dev.incidents.query.sla;

import java.time.Instant;
import java.util.Objects;

import dev.incidents.query.queue.TimeAxis;

/**
 * Fetches one page of a service level queue as it was at {@code asOf}: the entries the live queue had after the
 * events up to that instant, with their values then.
 *
 * @param page the queue, group, page and caller, as for the live queue
 * @param axis the clock by which events are placed before or after {@code asOf}
 */
record FetchServiceLevelQueueAsOfQuery(FetchServiceLevelQueueQuery page, Instant asOf, TimeAxis axis) {

    FetchServiceLevelQueueAsOfQuery {
        Objects.requireNonNull(page, "page query is missing");
        Objects.requireNonNull(asOf, "asOf is missing");
        Objects.requireNonNull(axis, "time axis is missing");
    }
}
