package dev.incidents.api.organisation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Publishes the organisation the server started with. Publishing content whose hash equals the latest version's
 * changes nothing; the result is the version in effect afterwards.
 */
public record PublishOrganisationCommand(@TargetAggregateIdentifier String organisationId, String sha256,
                                         List<SupportGroupDefinition> groups, List<UserDefinition> users,
                                         Instant publishedAt) {

    /** Id of the one organisation aggregate. */
    public static final String ORGANISATION_ID = "organisation";

    public PublishOrganisationCommand {
        groups = List.copyOf(groups);
        users = List.copyOf(users);
    }
}
