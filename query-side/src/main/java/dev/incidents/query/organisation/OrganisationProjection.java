package dev.incidents.query.organisation;

import dev.incidents.api.organisation.OrganisationPublished;
import dev.incidents.api.query.OrganisationVersion;
import dev.incidents.query.projection.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/** Keeps every published organisation version in {@code organisation_versions}; a redelivery rewrites the same. */
@Component
@ProcessingGroup(OrganisationProjection.PROCESSING_GROUP)
class OrganisationProjection implements ReadModel {

    static final String PROCESSING_GROUP = "organisation";

    private static final Logger log = LoggerFactory.getLogger(OrganisationProjection.class);

    private final OrganisationVersionsCollection versions;

    OrganisationProjection(OrganisationVersionsCollection versions) {
        this.versions = versions;
    }

    @EventHandler
    void on(OrganisationPublished event) {
        versions.save(new OrganisationVersion(event.version(), event.sha256(), event.groups(), event.users(),
                event.publishedAt()));
        log.info("Projected organisation version {} (sha256 {})", event.version(), event.sha256());
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(OrganisationVersionsCollection.NAME);
    }

    @ResetHandler
    void reset() {
        log.info("Clearing {} before a replay of the {} processor", OrganisationVersionsCollection.NAME,
                PROCESSING_GROUP);
        versions.clear();
    }
}
