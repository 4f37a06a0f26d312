package dev.incidents.query.refusal;

import java.util.List;

/**
 * One page of the refusal log, newest first.
 *
 * @param total number of refusals that match the filters
 */
public record RefusalPage(List<RefusalEntry> items, int page, int size, long total) {

    public RefusalPage {
        items = List.copyOf(items);
    }
}
