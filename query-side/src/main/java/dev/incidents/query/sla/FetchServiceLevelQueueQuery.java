package dev.incidents.query.sla;

import java.util.Objects;

import dev.incidents.api.access.Caller;
import dev.incidents.api.query.FetchQueuePageQuery;

/**
 * Fetches one page of a live service level queue.
 *
 * @param group support group whose entries to list; null for every group the caller may open
 * @param page  0-based page number
 * @param size  entries per page, from 1 to {@link FetchQueuePageQuery#MAX_SIZE}
 */
record FetchServiceLevelQueueQuery(AlertLevel level, String group, int page, int size, Caller caller) {

    FetchServiceLevelQueueQuery {
        Objects.requireNonNull(level, "queue level is missing");
        Objects.requireNonNull(caller, "caller is missing");
    }
}
