package dev.incidents.api.organisation;

import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;

import java.util.List;

/**
 * A support group as the organisation file defines it.
 *
 * @param tier      1 for the service desk, 2 and 3 for specialist groups
 * @param manager   the group's manager, who also manages every group that reports to this one
 * @param members   the users who work in the group
 * @param reportsTo the parent group, or null for a top-level group
 */
public record SupportGroupDefinition(SupportGroupId id, String name, int tier, UserId manager, List<UserId> members,
                                     SupportGroupId reportsTo) {

    public SupportGroupDefinition {
        members = List.copyOf(members);
    }
}
