package dev.incidents.access.security;

import dev.incidents.api.access.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

/** Turns a validated JWT into an authentication named by the user claim, with one authority per role. */
final class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final CallerResolver resolver;

    JwtCallerConverter(CallerResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = resolver.fromJwt(jwt).roles().stream()
                .map(Role::name)
                .sorted()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, resolver.userOf(jwt));
    }
}
