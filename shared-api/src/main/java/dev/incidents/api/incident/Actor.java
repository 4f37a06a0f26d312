package dev.incidents.api.incident;

import dev.incidents.api.access.Role;

import java.util.Objects;

/**
 * Author of a change: a person or a system account, the role they acted in (null for system accounts and for
 * authors of imported logs) and the support group they acted for (null when none).
 */
public record Actor(UserId user, Role role, SupportGroupId group) {

    public static final Actor SYSTEM = new Actor(new UserId("system"), null, null);

    public Actor {
        Objects.requireNonNull(user, "actor user is missing");
    }

    public Actor(UserId user, SupportGroupId group) {
        this(user, null, group);
    }

    public static Actor of(String user, String group) {
        return new Actor(new UserId(user), group == null ? null : new SupportGroupId(group));
    }

    /** A rule or timer of the server acting by itself, named with its version, such as {@code auto-close/v1}. */
    public static Actor rule(String ruleAndVersion) {
        return new Actor(new UserId("system:" + ruleAndVersion), null, null);
    }
}
