package dev.incidents.access.security;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.access.organisation.OrganisationVersionSource;
import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds the {@link Caller} of an authenticated user from the organisation, or from the claims of a JWT. */
public final class CallerResolver {

    private static final Logger log = LoggerFactory.getLogger(CallerResolver.class);

    private final Organisation organisation;
    private final OrganisationVersionSource versions;
    private final AccessProperties.Jwt claims;

    public CallerResolver(Organisation organisation, OrganisationVersionSource versions, AccessProperties.Jwt claims) {
        this.organisation = organisation;
        this.versions = versions;
        this.claims = claims;
    }

    /** Returns the caller of a user listed in the organisation; fails for any other user name. */
    public Caller fromOrganisation(String userName) {
        return organisation.caller(new UserId(userName), versions.currentVersion())
                .orElseThrow(() -> new IllegalStateException("user '" + userName
                        + "' authenticated but is not listed in the organisation"));
    }

    /**
     * Returns the caller a token names. Roles and groups come from their claims; when the token lacks a claim, the
     * organisation's entry for the user fills it in. Managed groups always come from the organisation.
     */
    public Caller fromJwt(Jwt jwt) {
        UserId user = new UserId(userOf(jwt));
        Set<Role> roles = jwt.hasClaim(claims.rolesClaim()) ? rolesOf(jwt)
                : organisation.user(user).map(definition -> Set.copyOf(definition.roles())).orElse(Set.of());
        List<SupportGroupId> groups = jwt.hasClaim(claims.groupsClaim())
                ? values(jwt.getClaim(claims.groupsClaim())).stream().map(SupportGroupId::new).toList()
                : organisation.groupsOf(user);
        return new Caller(user, roles, groups, organisation.managedGroupsOf(user), versions.currentVersion());
    }

    /** Returns the user id of a token, from the configured user claim. */
    String userOf(Jwt jwt) {
        Object value = jwt.getClaim(claims.userClaim());
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("the token has no text claim '" + claims.userClaim()
                    + "' naming the user (incidents.security.jwt.user-claim)");
        }
        return text;
    }

    /** Returns the known roles of the roles claim; unknown role names are skipped. */
    Set<Role> rolesOf(Jwt jwt) {
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : values(jwt.getClaim(claims.rolesClaim()))) {
            String bare = name.startsWith("ROLE_") ? name.substring("ROLE_".length()) : name;
            try {
                roles.add(Role.valueOf(bare.toUpperCase()));
            } catch (IllegalArgumentException e) {
                log.debug("Skipping the unknown role '{}' in the token of {}", name, jwt.getSubject());
            }
        }
        return roles;
    }

    private static List<String> values(Object claim) {
        if (claim instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).filter(value -> !value.isBlank()).toList();
        }
        if (claim instanceof String text) {
            return Arrays.stream(text.split("[,\\s]+")).filter(value -> !value.isBlank()).toList();
        }
        return List.of();
    }
}
