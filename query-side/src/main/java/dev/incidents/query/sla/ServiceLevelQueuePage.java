package dev.incidents.query.sla;

import java.util.List;

/**
 * A page of a service level queue, live or as of an instant.
 *
 * @param group the requested group; null when the page lists every group the caller may open
 * @param total number of entries on all pages
 */
record ServiceLevelQueuePage(AlertLevel level, String group, List<ServiceLevelQueueItem> items, int page, int size,
                             long total) {
}
