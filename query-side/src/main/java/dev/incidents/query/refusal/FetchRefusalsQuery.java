package dev.incidents.query.refusal;

import java.time.Instant;
import java.util.Objects;

import dev.incidents.api.access.Caller;

/**
 * Fetches one page of the refusal log as a {@link RefusalPage}. Every filter is optional.
 *
 * @param from first recording time included
 * @param to   first recording time excluded
 */
record FetchRefusalsQuery(String incidentId, Instant from, Instant to, String user, int page, int size,
                          Caller caller) {

    FetchRefusalsQuery {
        Objects.requireNonNull(caller, "caller is missing");
    }
}
