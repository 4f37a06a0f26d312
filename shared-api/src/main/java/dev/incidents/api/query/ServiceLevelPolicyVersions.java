package dev.incidents.api.query;

import java.util.List;

/**
 * The latest version of every service level policy, the result of {@link FetchServiceLevelPoliciesQuery}. It is a
 * record, not a bare list, so that the element type survives Axon Server (see {@link IncidentHistory}).
 */
public record ServiceLevelPolicyVersions(List<ServiceLevelPolicyVersion> versions) {

    public ServiceLevelPolicyVersions {
        versions = List.copyOf(versions);
    }
}
