package dev.incidents.query.servicelevel;

import dev.incidents.api.query.BusinessCalendarVersion;
import dev.incidents.api.query.FetchBusinessCalendarQuery;
import dev.incidents.api.query.FetchBusinessCalendarsQuery;
import dev.incidents.api.query.FetchServiceLevelPoliciesQuery;
import dev.incidents.api.query.FetchServiceLevelPolicyQuery;
import dev.incidents.api.query.ServiceLevelPolicyVersion;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Handles queries for business calendar and service level policy versions. */
@Component
class ServiceLevelDefinitionsQueryHandler {

    private final ServiceLevelDefinitionCollections collections;

    ServiceLevelDefinitionsQueryHandler(ServiceLevelDefinitionCollections collections) {
        this.collections = collections;
    }

    @QueryHandler
    List<BusinessCalendarVersion> handle(FetchBusinessCalendarsQuery query) {
        return collections.calendars().latestOfEach();
    }

    @QueryHandler
    Optional<BusinessCalendarVersion> handle(FetchBusinessCalendarQuery query) {
        return query.version() == null
                ? collections.calendars().latest(query.calendarId())
                : collections.calendars().find(query.calendarId(), query.version());
    }

    @QueryHandler
    List<ServiceLevelPolicyVersion> handle(FetchServiceLevelPoliciesQuery query) {
        return collections.policies().latestOfEach();
    }

    @QueryHandler
    Optional<ServiceLevelPolicyVersion> handle(FetchServiceLevelPolicyQuery query) {
        return query.version() == null
                ? collections.policies().latest(query.policyId())
                : collections.policies().find(query.policyId(), query.version());
    }
}
