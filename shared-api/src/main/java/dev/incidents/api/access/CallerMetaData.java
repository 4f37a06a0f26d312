package dev.incidents.api.access;

import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Carries a {@link Caller} in command metadata as plain strings, so it survives any serializer and any hop through
 * Axon Server. A command without these entries comes from a component inside the server (an import or a
 * deadline), never from a client: the REST API always adds them.
 */
public final class CallerMetaData {

    public static final String USER = "caller.user";
    public static final String ROLES = "caller.roles";
    public static final String GROUPS = "caller.groups";
    public static final String MANAGED_GROUPS = "caller.managedGroups";
    /** Also copied onto every event, so an audit can tell which organisation a command was checked against. */
    public static final String ORGANISATION_VERSION = "organisationVersion";

    private CallerMetaData() {
    }

    public static Map<String, Object> of(Caller caller) {
        Map<String, Object> entries = new HashMap<>();
        entries.put(USER, caller.user().value());
        entries.put(ROLES, caller.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")));
        entries.put(GROUPS, caller.groups().stream().map(SupportGroupId::value).collect(Collectors.joining(",")));
        entries.put(MANAGED_GROUPS, caller.managedGroups().stream().map(SupportGroupId::value).sorted()
                .collect(Collectors.joining(",")));
        entries.put(ORGANISATION_VERSION, caller.organisationVersion());
        return entries;
    }

    /** Reads the caller back, or returns null when the metadata names none. */
    public static Caller from(Map<String, ?> metaData) {
        Object user = metaData.get(USER);
        if (!(user instanceof String name)) {
            return null;
        }
        Set<Role> roles = split(metaData.get(ROLES)).stream().map(Role::valueOf).collect(Collectors.toSet());
        List<SupportGroupId> groups = split(metaData.get(GROUPS)).stream().map(SupportGroupId::new).toList();
        Set<SupportGroupId> managed = split(metaData.get(MANAGED_GROUPS)).stream().map(SupportGroupId::new)
                .collect(Collectors.toSet());
        long version = metaData.get(ORGANISATION_VERSION) instanceof Number number ? number.longValue() : 0;
        return new Caller(new UserId(name), roles, groups, managed, version);
    }

    private static List<String> split(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }
}
