package dev.incidents.query.organisation;

import dev.incidents.api.query.FetchOrganisationQuery;
import dev.incidents.api.query.OrganisationVersion;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Handles queries for organisation versions by reading {@code organisation_versions}. */
@Component
class OrganisationQueryHandler {

    private final OrganisationVersionsCollection versions;

    OrganisationQueryHandler(OrganisationVersionsCollection versions) {
        this.versions = versions;
    }

    @QueryHandler
    Optional<OrganisationVersion> handle(FetchOrganisationQuery query) {
        return query.version() == null ? versions.latest() : versions.find(query.version());
    }
}
