package dev.incidents.api.query;

import java.util.List;

/**
 * One page of a work queue.
 *
 * @param total number of incidents in the whole queue
 */
public record QueuePage(List<IncidentSummary> items, int page, int size, long total) {

    public QueuePage {
        items = List.copyOf(items);
    }
}
