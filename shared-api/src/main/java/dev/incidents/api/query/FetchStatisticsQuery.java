package dev.incidents.api.query;

/** Fetches the {@link IncidentStatistics} over all incidents. */
public record FetchStatisticsQuery() {
}
