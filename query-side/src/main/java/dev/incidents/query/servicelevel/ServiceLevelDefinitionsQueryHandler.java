package dev.incidents.query.servicelevel;

import dev.incidents.api.query.BusinessCalendarVersion;
import dev.incidents.api.query.FetchBusinessCalendarQuery;
import dev.incidents.api.query.FetchBusinessCalendarsQuery;
import dev.incidents.api.query.FetchServiceLevelPoliciesQuery;
import dev.incidents.api.query.FetchServiceLevelPolicyQuery;
import dev.incidents.api.query.ServiceLevelPolicyVersion;
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

    /**
     * Returns the latest version of every calendar as an array, because Axon Server carries a response as its runtime
     * class and Jackson would read an ArrayList's records back as maps. The sender still requests a list.
     */
    @QueryHandler
    BusinessCalendarVersion[] handle(FetchBusinessCalendarsQuery query) {
        return collections.calendars().latestOfEach().toArray(BusinessCalendarVersion[]::new);
    }

    @QueryHandler
    Optional<BusinessCalendarVersion> handle(FetchBusinessCalendarQuery query) {
        return query.version() == null
                ? collections.calendars().latest(query.calendarId())
                : collections.calendars().find(query.calendarId(), query.version());
    }

    /** Returns the latest version of every policy as an array, for the reason given at the calendars. */
    @QueryHandler
    ServiceLevelPolicyVersion[] handle(FetchServiceLevelPoliciesQuery query) {
        return collections.policies().latestOfEach().toArray(ServiceLevelPolicyVersion[]::new);
    }

    @QueryHandler
    Optional<ServiceLevelPolicyVersion> handle(FetchServiceLevelPolicyQuery query) {
        return query.version() == null
                ? collections.policies().latest(query.policyId())
                : collections.policies().find(query.policyId(), query.version());
    }
}
