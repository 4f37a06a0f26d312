package dev.incidents.query.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;

/** Callers with typical roles and groups, as the authentication would resolve them. */
public final class TestCallers {

    private TestCallers() {
    }

    public static Caller auditor(String user) {
        return caller(user, Set.of(Role.AUDITOR), List.of(), Set.of());
    }

    public static Caller requester(String user) {
        return caller(user, Set.of(Role.REQUESTER), List.of(), Set.of());
    }

    public static Caller serviceDesk(String user) {
        return caller(user, Set.of(Role.SERVICE_DESK), List.of(TestEvents.SERVICE_DESK), Set.of());
    }

    public static Caller specialist(String user, String... groups) {
        return caller(user, Set.of(Role.SPECIALIST), Arrays.asList(groups), Set.of());
    }

    /** A manager who belongs to {@code group} and manages {@code managed}, each with the groups below it. */
    public static Caller manager(String user, String group, String... managed) {
        return caller(user, Set.of(Role.MANAGER), List.of(group), Set.of(managed));
    }

    public static Caller caller(String user, Set<Role> roles, List<String> groups, Set<String> managedGroups) {
        return new Caller(new UserId(user), roles,
                groups.stream().map(SupportGroupId::new).toList(),
                managedGroups.stream().map(SupportGroupId::new).collect(java.util.stream.Collectors.toSet()),
                1);
    }
}
