package dev.incidents.api.query;

import java.util.Objects;

/**
 * Fetches one published version of a service level policy as a {@link ServiceLevelPolicyVersion}.
 *
 * @param version the version number from 1, or null for the latest version
 */
public record FetchServiceLevelPolicyQuery(String policyId, Integer version) {

    public FetchServiceLevelPolicyQuery {
        Objects.requireNonNull(policyId, "policy id is missing");
    }
}
