package dev.incidents.query.organisation;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.access.organisation.OrganisationVersionSource;
import org.springframework.stereotype.Component;

/**
 * The version of the organisation file this side runs with: the latest projected version with the same content
 * hash, or 0 until the command side's publication of that content has been projected.
 */
@Component
class ProjectedOrganisationVersion implements OrganisationVersionSource {

    private final Organisation organisation;
    private final OrganisationVersionsCollection versions;

    ProjectedOrganisationVersion(Organisation organisation, OrganisationVersionsCollection versions) {
        this.organisation = organisation;
        this.versions = versions;
    }

    @Override
    public long currentVersion() {
        return versions.latestVersionWithHash(organisation.sha256());
    }
}
