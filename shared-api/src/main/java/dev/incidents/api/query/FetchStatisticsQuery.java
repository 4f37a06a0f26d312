package dev.incidents.api.query;

import java.util.Objects;

import dev.incidents.api.access.Caller;

/** Fetches the {@link IncidentStatistics} over all incidents, for a caller whose roles allow statistics. */
public record FetchStatisticsQuery(Caller caller) {

    public FetchStatisticsQuery {
        Objects.requireNonNull(caller, "caller is missing");
    }
}
