package dev.incidents.api.organisation;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A new content of the organisation took effect. Versions count up from 1, one per distinct content, so the event
 * store keeps every organisation the commands were checked against.
 *
 * @param sha256 SHA-256 of the canonical form of the content, which identifies the version on both sides
 */
@Revision("1")
public record OrganisationPublished(String organisationId, long version, String sha256,
                                    List<SupportGroupDefinition> groups, List<UserDefinition> users,
                                    Instant publishedAt) {

    public OrganisationPublished {
        groups = List.copyOf(groups);
        users = List.copyOf(users);
    }
}
