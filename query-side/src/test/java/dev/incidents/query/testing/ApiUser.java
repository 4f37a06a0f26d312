package dev.incidents.query.testing;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.incidents.api.access.Role;

/**
 * A user who sends test requests through MockMvc, with the authentication that the request carries.
 *
 * @param name           the user id
 * @param authentication adds the user's credentials or authentication to a request
 */
public record ApiUser(String name, RequestPostProcessor authentication) {

    /**
     * Returns a user of {@link TestOrganisation} who logs in with HTTP Basic. The server checks the password against the
     * password file and resolves roles, groups and managed groups from the organisation.
     */
    public static ApiUser basic(String name) {
        return new ApiUser(name, httpBasic(name, TestOrganisation.password(name)));
    }

    /**
     * Returns a caller of JWT mode, whose token names the roles and groups itself. Such callers need not be valid entries
     * of an organisation file: a token may carry no known role, or a user or group id with spaces or colons.
     *
     * <p>NOTE: MockMvc places the token in the security context as an already validated
     * {@code JwtAuthenticationToken}, so the signature check of JWT mode is not part of these requests. The server
     * still resolves the caller from the token's claims, as in JWT mode.
     */
    public static ApiUser jwtCaller(String name, List<Role> roles, List<String> groups) {
        List<GrantedAuthority> authorities = roles.stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        return new ApiUser(name, jwt()
                .jwt(token -> token.subject(name)
                        .claim("roles", roles.stream().map(Role::name).toList())
                        .claim("groups", groups))
                .authorities(authorities));
    }
}
