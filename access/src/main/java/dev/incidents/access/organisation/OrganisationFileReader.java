package dev.incidents.access.organisation;

import dev.incidents.api.access.Role;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.organisation.SupportGroupDefinition;
import dev.incidents.api.organisation.UserDefinition;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates an organisation file (YAML). Every problem is collected, so one start shows them all, and each
 * names the entry and the rule it breaks.
 */
public final class OrganisationFileReader {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("groups", "users");
    private static final Set<String> GROUP_KEYS = Set.of("id", "name", "tier", "manager", "members", "reportsTo");
    private static final Set<String> USER_KEYS = Set.of("id", "displayName", "roles");
    /** Login names go into the password file as {@code user:hash}, so they hold no colon and no whitespace. */
    private static final Pattern LOGIN_NAME = Pattern.compile("[^\\s:]+");

    private final SupportGroupId serviceDeskGroup;

    /** @param serviceDeskGroup the group that must exist with tier 1, the owner of reported incidents */
    public OrganisationFileReader(SupportGroupId serviceDeskGroup) {
        this.serviceDeskGroup = serviceDeskGroup;
    }

    public Organisation read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidOrganisationException(file.toString(), List.of("cannot read the file: " + e
                    + ". Set incidents.organisation.file (or INCIDENTS_ORGANISATION_FILE) to a readable file"));
        }
        return parse(file.toString(), text);
    }

    /** Parses the YAML text of an organisation; {@code source} names it in error messages. */
    public Organisation parse(String source, String text) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new InvalidOrganisationException(source, List.of("not valid YAML: " + e.getMessage()));
        }
        Validation validation = new Validation();
        if (!(document instanceof Map<?, ?> root)) {
            throw new InvalidOrganisationException(source,
                    List.of("the file must be a mapping with the keys 'groups' and 'users'"));
        }
        validation.unknownKeys("the top level", root, TOP_LEVEL_KEYS);

        List<UserDefinition> users = readUsers(root.get("users"), validation);
        List<SupportGroupDefinition> groups = readGroups(root.get("groups"), validation);
        checkReferences(groups, users, validation);
        checkReportingLines(groups, validation);
        checkServiceDesk(groups, validation);

        if (!validation.problems.isEmpty()) {
            throw new InvalidOrganisationException(source, validation.problems);
        }
        return new Organisation(groups, users);
    }

    private static List<UserDefinition> readUsers(Object value, Validation validation) {
        List<UserDefinition> users = new ArrayList<>();
        List<Map<?, ?>> entries = validation.entries("users", value);
        Set<UserId> seen = new HashSet<>();
        for (int index = 0; index < entries.size(); index++) {
            Map<?, ?> entry = entries.get(index);
            String label = validation.label("users", index, entry);
            validation.unknownKeys(label, entry, USER_KEYS);
            UserId id = validation.userId(label, "id", entry.get("id"));
            String displayName = validation.requiredText(label, "displayName", entry.get("displayName"));
            List<Role> roles = readRoles(label, entry.get("roles"), validation);
            if (id == null || displayName == null || roles == null) {
                continue;
            }
            if (!LOGIN_NAME.matcher(id.value()).matches()) {
                validation.problem(label + ": the id is a login name and may not contain whitespace or ':'");
                continue;
            }
            if (!seen.add(id)) {
                validation.problem(label + ": duplicate user id; each user may be listed once");
                continue;
            }
            users.add(new UserDefinition(id, displayName, roles));
        }
        return users;
    }

    private static List<Role> readRoles(String label, Object value, Validation validation) {
        if (!(value instanceof List<?> names) || names.isEmpty()) {
            validation.problem(label + ": roles is missing or empty; list at least one of " + allRoles());
            return null;
        }
        Set<Role> roles = new LinkedHashSet<>();
        boolean valid = true;
        for (Object name : names) {
            try {
                roles.add(Role.valueOf(String.valueOf(name)));
            } catch (IllegalArgumentException e) {
                validation.problem(label + ": unknown role '" + name + "'; use one of " + allRoles());
                valid = false;
            }
        }
        return valid ? List.copyOf(roles) : null;
    }

    private static List<SupportGroupDefinition> readGroups(Object value, Validation validation) {
        List<SupportGroupDefinition> groups = new ArrayList<>();
        List<Map<?, ?>> entries = validation.entries("groups", value);
        Set<SupportGroupId> seen = new HashSet<>();
        for (int index = 0; index < entries.size(); index++) {
            Map<?, ?> entry = entries.get(index);
            String label = validation.label("groups", index, entry);
            validation.unknownKeys(label, entry, GROUP_KEYS);
            SupportGroupId id = validation.groupId(label, "id", entry.get("id"));
            String name = validation.requiredText(label, "name", entry.get("name"));
            Integer tier = readTier(label, entry.get("tier"), validation);
            UserId manager = validation.userId(label, "manager", entry.get("manager"));
            List<UserId> members = readMembers(label, entry.get("members"), validation);
            Object parent = entry.get("reportsTo");
            SupportGroupId reportsTo = parent == null ? null : validation.groupId(label, "reportsTo", parent);
            if (id == null || name == null || tier == null || manager == null || members == null
                    || (parent != null && reportsTo == null)) {
                continue;
            }
            if (!seen.add(id)) {
                validation.problem(label + ": duplicate group id; each group may be listed once");
                continue;
            }
            groups.add(new SupportGroupDefinition(id, name, tier, manager, members, reportsTo));
        }
        return groups;
    }

    private static Integer readTier(String label, Object value, Validation validation) {
        if (value instanceof Integer tier && tier >= 1 && tier <= 3) {
            return tier;
        }
        validation.problem(label + ": tier " + (value == null ? "is missing" : "'" + value + "' is invalid")
                + "; use 1 (service desk), 2 or 3");
        return null;
    }

    private static List<UserId> readMembers(String label, Object value, Validation validation) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> names)) {
            validation.problem(label + ": members must be a list of user ids");
            return null;
        }
        List<UserId> members = new ArrayList<>();
        boolean valid = true;
        for (Object name : names) {
            UserId member = validation.userId(label, "members", name);
            if (member == null) {
                valid = false;
            } else if (members.contains(member)) {
                validation.problem(label + ": member '" + member + "' is listed twice");
                valid = false;
            } else {
                members.add(member);
            }
        }
        return valid ? members : null;
    }

    private static void checkReferences(List<SupportGroupDefinition> groups, List<UserDefinition> users,
                                        Validation validation) {
        Map<UserId, UserDefinition> usersById = new HashMap<>();
        users.forEach(user -> usersById.put(user.id(), user));
        Set<SupportGroupId> groupIds = groups.stream().map(SupportGroupDefinition::id).collect(Collectors.toSet());
        for (SupportGroupDefinition group : groups) {
            String label = "group '" + group.id() + "'";
            UserDefinition manager = usersById.get(group.manager());
            if (manager == null) {
                validation.problem(label + ": manager '" + group.manager() + "' is not listed under users");
            } else if (!manager.roles().contains(Role.MANAGER)) {
                validation.problem(label + ": manager '" + group.manager()
                        + "' does not hold the MANAGER role; add it to the user's roles");
            }
            for (UserId member : group.members()) {
                if (!usersById.containsKey(member)) {
                    validation.problem(label + ": member '" + member + "' is not listed under users");
                }
            }
            if (group.reportsTo() != null && !groupIds.contains(group.reportsTo())) {
                validation.problem(label + ": reportsTo '" + group.reportsTo() + "' is not listed under groups");
            }
        }
    }

    private static void checkReportingLines(List<SupportGroupDefinition> groups, Validation validation) {
        Map<SupportGroupId, SupportGroupId> parents = new HashMap<>();
        groups.stream().filter(group -> group.reportsTo() != null)
                .forEach(group -> parents.put(group.id(), group.reportsTo()));
        Set<SupportGroupId> reported = new HashSet<>();
        for (SupportGroupDefinition group : groups) {
            List<SupportGroupId> chain = new ArrayList<>();
            SupportGroupId current = group.id();
            while (current != null && !chain.contains(current)) {
                chain.add(current);
                current = parents.get(current);
            }
            if (current != null) {
                // Report each cycle once, from the first of its groups found in file order.
                List<SupportGroupId> cycle = chain.subList(chain.indexOf(current), chain.size());
                if (reported.addAll(cycle)) {
                    validation.problem("group '" + current + "': reportsTo forms a cycle "
                            + cycle.stream().map(SupportGroupId::value).collect(Collectors.joining(" -> "))
                            + " -> " + current + "; a group may not report to itself or to a group below it");
                }
            }
        }
    }

    private void checkServiceDesk(List<SupportGroupDefinition> groups, Validation validation) {
        SupportGroupDefinition serviceDesk = groups.stream()
                .filter(group -> group.id().equals(serviceDeskGroup))
                .findFirst()
                .orElse(null);
        if (serviceDesk == null) {
            validation.problem("the service desk group '" + serviceDeskGroup + "' (incidents.service-desk-group)"
                    + " is missing; list it under groups with tier 1");
        } else if (serviceDesk.tier() != 1) {
            validation.problem("group '" + serviceDeskGroup + "': the service desk group must have tier 1, found "
                    + serviceDesk.tier());
        }
    }

    private static String allRoles() {
        return Arrays.stream(Role.values()).map(Role::name).collect(Collectors.joining(", "));
    }

    /** Collects the problems of one file. */
    private static final class Validation {

        private final List<String> problems = new ArrayList<>();

        void problem(String problem) {
            problems.add(problem);
        }

        List<Map<?, ?>> entries(String key, Object value) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                problem("'" + key + "' is missing or empty; list at least one entry");
                return List.of();
            }
            List<Map<?, ?>> entries = new ArrayList<>();
            for (int index = 0; index < list.size(); index++) {
                if (list.get(index) instanceof Map<?, ?> entry) {
                    entries.add(entry);
                } else {
                    problem(key + "[" + index + "]: must be a mapping with the keys of an entry, found '"
                            + list.get(index) + "'");
                }
            }
            return entries;
        }

        String label(String key, int index, Map<?, ?> entry) {
            String kind = key.equals("users") ? "user" : "group";
            Object id = entry.get("id");
            return id == null ? key + "[" + index + "]" : kind + " '" + id + "'";
        }

        void unknownKeys(String label, Map<?, ?> entry, Set<String> known) {
            for (Object key : entry.keySet()) {
                if (!known.contains(String.valueOf(key))) {
                    problem(label + ": unknown key '" + key + "'; known keys are "
                            + known.stream().sorted().collect(Collectors.joining(", ")));
                }
            }
        }

        String requiredText(String label, String field, Object value) {
            if (!(value instanceof String text) || text.isBlank()) {
                problem(label + ": " + field + " is missing or not text");
                return null;
            }
            return text;
        }

        UserId userId(String label, String field, Object value) {
            String text = requiredText(label, field, value);
            if (text == null) {
                return null;
            }
            try {
                return new UserId(text);
            } catch (IllegalArgumentException e) {
                problem(label + ": " + field + " is not a valid user id: " + e.getMessage());
                return null;
            }
        }

        SupportGroupId groupId(String label, String field, Object value) {
            String text = requiredText(label, field, value);
            if (text == null) {
                return null;
            }
            try {
                return new SupportGroupId(text);
            } catch (IllegalArgumentException e) {
                problem(label + ": " + field + " is not a valid group id: " + e.getMessage());
                return null;
            }
        }
    }
}
