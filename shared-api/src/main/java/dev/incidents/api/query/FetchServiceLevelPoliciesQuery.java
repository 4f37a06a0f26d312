package dev.incidents.api.query;

/** Fetches the latest published version of every service level policy, ordered by policy id. */
public record FetchServiceLevelPoliciesQuery() {
}
