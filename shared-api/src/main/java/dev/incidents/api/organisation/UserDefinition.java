package dev.incidents.api.organisation;

import dev.incidents.api.access.Role;
import dev.incidents.api.incident.UserId;

import java.util.List;

/** A user as the organisation file defines it, with the roles they hold; group membership is kept on the groups. */
public record UserDefinition(UserId id, String displayName, List<Role> roles) {

    public UserDefinition {
        roles = List.copyOf(roles);
    }
}
