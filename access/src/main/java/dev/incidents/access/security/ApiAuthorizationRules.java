package dev.incidents.access.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * URL rules of one side, applied after the open health endpoint and before the rule that every other
 * {@code /api/**} request needs an authenticated caller. Each side declares one bean.
 */
@FunctionalInterface
public interface ApiAuthorizationRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
