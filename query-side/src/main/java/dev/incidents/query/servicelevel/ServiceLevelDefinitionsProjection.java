package dev.incidents.query.servicelevel;

import dev.incidents.api.query.BusinessCalendarVersion;
import dev.incidents.api.query.ServiceLevelPolicyVersion;
import dev.incidents.api.sla.BusinessCalendarSaved;
import dev.incidents.api.sla.ServiceLevelPolicyPublished;
import dev.incidents.query.projection.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps every saved business calendar version and every published service level policy version, one document
 * each. A redelivered event rewrites the same document.
 */
@Component
@ProcessingGroup(ServiceLevelDefinitionsProjection.PROCESSING_GROUP)
class ServiceLevelDefinitionsProjection implements ReadModel {

    static final String PROCESSING_GROUP = "service-level-definitions";

    private static final Logger log = LoggerFactory.getLogger(ServiceLevelDefinitionsProjection.class);

    private final ServiceLevelDefinitionCollections collections;

    ServiceLevelDefinitionsProjection(ServiceLevelDefinitionCollections collections) {
        this.collections = collections;
    }

    @EventHandler
    void on(BusinessCalendarSaved event) {
        BusinessCalendarVersion version = BusinessCalendarVersion.of(event.named(), event.actor(),
                event.occurredAt());
        collections.calendars().save(event.calendarId(), event.version(), version);
        log.info("Projected version {} of business calendar {} (zone {})", event.version(), event.calendarId(),
                version.zone());
    }

    @EventHandler
    void on(ServiceLevelPolicyPublished event) {
        ServiceLevelPolicyVersion version = ServiceLevelPolicyVersion.of(event.policy(), event.calendarId(),
                event.supportGroupCalendars(), event.actor(), event.occurredAt());
        collections.policies().save(version.id(), version.version(), version);
        log.info("Projected version {} of service level policy {}, effective from {}", version.version(),
                version.id(), version.effectiveFrom());
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(ServiceLevelDefinitionCollections.CALENDARS, ServiceLevelDefinitionCollections.POLICIES);
    }

    @ResetHandler
    void reset() {
        log.info("Clearing {} and {} before a replay of the {} processor", collections.calendars().name(),
                collections.policies().name(), PROCESSING_GROUP);
        collections.calendars().clear();
        collections.policies().clear();
    }
}
