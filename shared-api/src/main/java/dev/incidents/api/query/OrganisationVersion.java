package dev.incidents.api.query;

import dev.incidents.api.organisation.SupportGroupDefinition;
import dev.incidents.api.organisation.UserDefinition;

import java.time.Instant;
import java.util.List;

/** A published version of the organisation, as the query side projects it. */
public record OrganisationVersion(long version, String sha256, List<SupportGroupDefinition> groups,
                                  List<UserDefinition> users, Instant publishedAt) {
}
