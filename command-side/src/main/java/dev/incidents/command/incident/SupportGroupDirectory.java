package dev.incidents.command.incident;

import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The support groups of the organisation as the command side needs them for its rules. Groups that appear only in
 * imported historical logs are not listed.
 */
public interface SupportGroupDirectory {

    /** Returns the tier of a listed group (1 is the service desk, then 2 and 3), or empty for a group not listed. */
    OptionalInt tierOf(SupportGroupId group);

    /** Returns the manager of a listed group, or empty for a group not listed. */
    default Optional<UserId> managerOf(SupportGroupId group) {
        return Optional.empty();
    }

    /** Returns true when the organisation lists the person as a member of the group. */
    boolean isMember(SupportGroupId group, UserId person);

    /** Returns true when the organisation lists the person as a user. */
    boolean knowsUser(UserId person);

    /** Returns true when the organisation lists the group. */
    default boolean contains(SupportGroupId group) {
        return tierOf(group).isPresent();
    }
}
