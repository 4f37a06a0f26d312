package dev.incidents.access.security;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.organisation.UserDefinition;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.Map;

/**
 * HTTP Basic users: the users of the organisation that have a hash in the password file, with one authority per
 * role.
 */
final class OrganisationUserDetailsService implements UserDetailsService {

    private final Organisation organisation;
    private final Map<String, String> hashes;

    OrganisationUserDetailsService(Organisation organisation, Map<String, String> hashes) {
        this.organisation = organisation;
        this.hashes = Map.copyOf(hashes);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String hash = hashes.get(username);
        UserDefinition user = hash == null ? null : userOrNull(username);
        if (user == null) {
            throw new UsernameNotFoundException("no user '" + username + "' with a password");
        }
        return User.withUsername(username)
                .password(hash)
                .roles(user.roles().stream().map(Enum::name).toArray(String[]::new))
                .build();
    }

    private UserDefinition userOrNull(String username) {
        try {
            return organisation.user(new UserId(username)).orElse(null);
        } catch (IllegalArgumentException e) {
            // A name that is no valid user id (blank, too long, control characters) is simply unknown.
            return null;
        }
    }
}
