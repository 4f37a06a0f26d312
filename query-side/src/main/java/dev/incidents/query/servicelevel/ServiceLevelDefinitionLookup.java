package dev.incidents.query.servicelevel;

import dev.incidents.api.incident.Values;
import dev.incidents.api.query.BusinessCalendarVersion;
import dev.incidents.api.query.BusinessCalendarVersions;
import dev.incidents.api.query.FetchBusinessCalendarQuery;
import dev.incidents.api.query.FetchBusinessCalendarsQuery;
import dev.incidents.api.query.FetchServiceLevelPoliciesQuery;
import dev.incidents.api.query.FetchServiceLevelPolicyQuery;
import dev.incidents.api.query.ServiceLevelPolicyVersion;
import dev.incidents.api.query.ServiceLevelPolicyVersions;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Fetches projected calendar and policy versions through the query bus, raising
 * {@link ServiceLevelDefinitionNotFoundException} for a reference that matches none.
 */
@Component
public class ServiceLevelDefinitionLookup {

    private static final String RETRY = " A version saved moments ago appears once GET /api/projections reports"
            + " caughtUp.";

    private final QueryGateway queryGateway;

    ServiceLevelDefinitionLookup(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    List<BusinessCalendarVersion> calendars() {
        return queryGateway.query(new FetchBusinessCalendarsQuery(),
                ResponseTypes.instanceOf(BusinessCalendarVersions.class)).join().versions();
    }

    List<ServiceLevelPolicyVersion> policies() {
        return queryGateway.query(new FetchServiceLevelPoliciesQuery(),
                ResponseTypes.instanceOf(ServiceLevelPolicyVersions.class)).join().versions();
    }

    /**
     * Returns a version of a calendar.
     *
     * @param version the version number, or null for the latest
     */
    public BusinessCalendarVersion calendar(String id, Integer version) {
        return queryGateway.query(new FetchBusinessCalendarQuery(id, version),
                        ResponseTypes.optionalInstanceOf(BusinessCalendarVersion.class)).join()
                .orElseThrow(() -> ServiceLevelDefinitionNotFoundException.calendar(id, version,
                        (version == null
                                ? "No version of business calendar '" + Values.truncate(id) + "' has been saved."
                                : "Business calendar '" + Values.truncate(id) + "' has no version " + version + ".")
                                + " GET /api/service-levels/calendars lists the calendars with their latest"
                                + " version." + RETRY));
    }

    /**
     * Returns a version of a policy.
     *
     * @param version the version number, or null for the latest
     */
    public ServiceLevelPolicyVersion policy(String id, Integer version) {
        return queryGateway.query(new FetchServiceLevelPolicyQuery(id, version),
                        ResponseTypes.optionalInstanceOf(ServiceLevelPolicyVersion.class)).join()
                .orElseThrow(() -> ServiceLevelDefinitionNotFoundException.policy(id, version,
                        (version == null
                                ? "No version of service level policy '" + Values.truncate(id)
                                + "' has been published."
                                : "Service level policy '" + Values.truncate(id) + "' has no version " + version
                                + ".")
                                + " GET /api/service-levels/policies lists the policies with their latest"
                                + " version." + RETRY));
    }
}
