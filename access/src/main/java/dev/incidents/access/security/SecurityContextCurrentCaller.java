package dev.incidents.access.security;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Resolves the caller from the authentication of the current request, in either security mode. */
final class SecurityContextCurrentCaller implements CurrentCaller {

    private final CallerResolver resolver;

    SecurityContextCurrentCaller(CallerResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Caller get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AuthenticationCredentialsNotFoundException("the request is not authenticated");
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            return resolver.fromJwt(token.getToken());
        }
        return resolver.fromOrganisation(authentication.getName());
    }
}
