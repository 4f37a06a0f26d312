package dev.incidents.query.servicelevel;

import dev.incidents.api.query.BusinessCalendarVersion;
import dev.incidents.api.query.BusinessCalendarVersions;
import dev.incidents.api.query.FetchBusinessCalendarQuery;
import dev.incidents.api.query.FetchBusinessCalendarsQuery;
import dev.incidents.api.query.FetchServiceLevelPoliciesQuery;
import dev.incidents.api.query.FetchServiceLevelPolicyQuery;
import dev.incidents.api.query.ServiceLevelPolicyVersion;
import dev.incidents.api.query.ServiceLevelPolicyVersions;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Handles queries for business calendar and service level policy versions. */
@Component
class ServiceLevelDefinitionsQueryHandler {

    private final ServiceLevelDefinitionCollections collections;

    ServiceLevelDefinitionsQueryHandler(ServiceLevelDefinitionCollections collections) {
        this.collections = collections;
    }

    @QueryHandler
    BusinessCalendarVersions handle(FetchBusinessCalendarsQuery query) {
        return new BusinessCalendarVersions(collections.calendars().latestOfEach());
    }

    @QueryHandler
    Optional<BusinessCalendarVersion> handle(FetchBusinessCalendarQuery query) {
        return query.version() == null
                ? collections.calendars().latest(query.calendarId())
                : collections.calendars().find(query.calendarId(), query.version());
    }

    @QueryHandler
    ServiceLevelPolicyVersions handle(FetchServiceLevelPoliciesQuery query) {
        return new ServiceLevelPolicyVersions(collections.policies().latestOfEach());
    }

    @QueryHandler
    Optional<ServiceLevelPolicyVersion> handle(FetchServiceLevelPolicyQuery query) {
        return query.version() == null
                ? collections.policies().latest(query.policyId())
                : collections.policies().find(query.policyId(), query.version());
    }
}
