package dev.incidents.query.servicelevel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.api.query.BusinessCalendarVersion;
import dev.incidents.api.query.ServiceLevelPolicyVersion;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * The collections of saved business calendar versions ({@code business_calendars}) and published service level
 * policy versions ({@code service_level_policies}).
 */
@Component
class ServiceLevelDefinitionCollections {

    static final String CALENDARS = "business_calendars";
    static final String POLICIES = "service_level_policies";

    private final VersionedDocuments<BusinessCalendarVersion> calendars;
    private final VersionedDocuments<ServiceLevelPolicyVersion> policies;

    ServiceLevelDefinitionCollections(MongoOperations mongo, ObjectMapper objectMapper) {
        this.calendars = new VersionedDocuments<>(mongo, objectMapper, CALENDARS, BusinessCalendarVersion.class);
        this.policies = new VersionedDocuments<>(mongo, objectMapper, POLICIES, ServiceLevelPolicyVersion.class);
    }

    VersionedDocuments<BusinessCalendarVersion> calendars() {
        return calendars;
    }

    VersionedDocuments<ServiceLevelPolicyVersion> policies() {
        return policies;
    }
}
