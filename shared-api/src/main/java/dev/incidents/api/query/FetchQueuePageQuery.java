package dev.incidents.api.query;

import java.util.Objects;

import dev.incidents.api.access.Caller;

/**
 * Fetches one page of a work queue as a {@link QueuePage}, holding only the incidents the caller may see. A caller
 * who may not read the queue at all gets a {@link dev.incidents.api.error.QueryRejection} in the details of the query's
 * exception.
 *
 * @param subject the support group of a {@link QueueKind#SUPPORT_GROUP} queue or the user of an
 *         {@link QueueKind#ASSIGNEE} or {@link QueueKind#REQUESTER} queue; null for the service desk queue
 * @param page 0-based page number
 * @param size number of items per page, from 1 to {@link #MAX_SIZE}
 * @param caller the caller; the page, its items and its total are limited to what this caller may see
 */
public record FetchQueuePageQuery(QueueKind queue, String subject, int page, int size, Caller caller) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public FetchQueuePageQuery {
        Objects.requireNonNull(queue, "queue is missing");
        Objects.requireNonNull(caller, "caller is missing");
        if (queue != QueueKind.SERVICE_DESK && subject == null) {
            throw new IllegalArgumentException("the " + queue + " queue needs a subject");
        }
        if (page < 0) {
            throw new IllegalArgumentException("invalid page " + page + ": pages start at 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("invalid page size " + size + ": use 1 to " + MAX_SIZE);
        }
    }
}
