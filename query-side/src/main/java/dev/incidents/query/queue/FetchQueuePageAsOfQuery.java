package dev.incidents.query.queue;

import java.time.Instant;
import java.util.Objects;

import dev.incidents.api.query.FetchQueuePageQuery;

/**
 * Fetches one page of a work queue as it was at {@code asOf}: its members, their values and their order then, limited
 * to the incidents the caller could read by the values they had then.
 *
 * @param page the queue, page and caller, as for the live queue
 * @param axis the clock by which events are placed before or after {@code asOf}
 */
record FetchQueuePageAsOfQuery(FetchQueuePageQuery page, Instant asOf, TimeAxis axis) {

    FetchQueuePageAsOfQuery {
        Objects.requireNonNull(page, "page query is missing");
        Objects.requireNonNull(asOf, "asOf is missing");
        Objects.requireNonNull(axis, "time axis is missing");
    }
}
