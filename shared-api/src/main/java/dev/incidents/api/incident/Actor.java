package dev.incidents.api.incident;

import java.util.Objects;

/**
 * Author of a change: a person or a system account, and the support group they acted for (null when none).
 */
public record Actor(UserId user, SupportGroupId group) {

    public static final Actor SYSTEM = new Actor(new UserId("system"), null);

    public Actor {
        Objects.requireNonNull(user, "actor user is missing");
    }

    public static Actor of(String user, String group) {
        return new Actor(new UserId(user), group == null ? null : new SupportGroupId(group));
    }
}
