package dev.incidents.access.organisation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.organisation.SupportGroupDefinition;
import dev.incidents.api.organisation.UserDefinition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A validated organisation: support groups with their members, managers and parent groups, and the users with their
 * roles. Group order is the order of the file, which decides a user's home group.
 */
public final class Organisation {

    private static final ObjectMapper CANONICAL_JSON = new ObjectMapper();

    private final List<SupportGroupDefinition> groups;
    private final List<UserDefinition> users;
    private final Map<UserId, UserDefinition> usersById;
    private final Map<SupportGroupId, SupportGroupDefinition> groupsById;
    private final String sha256;

    /** Builds an organisation from entries that {@link OrganisationFileReader} has validated. */
    public Organisation(List<SupportGroupDefinition> groups, List<UserDefinition> users) {
        this.groups = List.copyOf(groups);
        this.users = List.copyOf(users);
        this.usersById = this.users.stream()
                .collect(Collectors.toMap(UserDefinition::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        this.groupsById = this.groups.stream()
                .collect(Collectors.toMap(SupportGroupDefinition::id, Function.identity(), (a, b) -> a,
                        LinkedHashMap::new));
        this.sha256 = hash(this.groups, this.users);
    }

    public List<SupportGroupDefinition> groups() {
        return groups;
    }

    public List<UserDefinition> users() {
        return users;
    }

    /**
     * SHA-256 of the canonical JSON form of the groups and users. Comments, blank lines and the layout of the file do
     * not change it; any change of an entry or of the order of entries does.
     */
    public String sha256() {
        return sha256;
    }

    public Optional<UserDefinition> user(UserId id) {
        return Optional.ofNullable(usersById.get(id));
    }

    public Optional<SupportGroupDefinition> group(SupportGroupId id) {
        return Optional.ofNullable(groupsById.get(id));
    }

    /** Returns the groups that list the user as a member, in file order, so the home group comes first. */
    public List<SupportGroupId> groupsOf(UserId user) {
        return groups.stream()
                .filter(group -> group.members().contains(user))
                .map(SupportGroupDefinition::id)
                .toList();
    }

    /** Returns the groups the user manages, each with every group that reports to it directly or further down. */
    public Set<SupportGroupId> managedGroupsOf(UserId user) {
        Set<SupportGroupId> managed = new LinkedHashSet<>();
        for (SupportGroupDefinition group : groups) {
            if (user.equals(group.manager())) {
                addWithDescendants(group.id(), managed);
            }
        }
        return managed;
    }

    /** Returns the caller for a user of this organisation, or empty when the organisation does not list the user. */
    public Optional<Caller> caller(UserId user, long version) {
        return user(user).map(definition -> new Caller(user, Set.copyOf(definition.roles()), groupsOf(user),
                managedGroupsOf(user), version));
    }

    private void addWithDescendants(SupportGroupId root, Set<SupportGroupId> collected) {
        // The reader rejects reportsTo cycles; the check on add still stops a loop on a cyclic input.
        if (!collected.add(root)) {
            return;
        }
        List<SupportGroupId> children = new ArrayList<>();
        for (SupportGroupDefinition group : groups) {
            if (root.equals(group.reportsTo())) {
                children.add(group.id());
            }
        }
        children.forEach(child -> addWithDescendants(child, collected));
    }

    private static String hash(List<SupportGroupDefinition> groups, List<UserDefinition> users) {
        try {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("groups", groups);
            content.put("users", users);
            byte[] canonical = CANONICAL_JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the organisation", e);
        }
    }
}
