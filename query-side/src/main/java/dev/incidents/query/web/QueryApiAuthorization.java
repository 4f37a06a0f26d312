package dev.incidents.query.web;

import dev.incidents.access.security.ApiAuthorizationRules;
import dev.incidents.api.access.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * URL rules of the query API. The organisation lists every user and role, so only auditors, analysts, admins and
 * managers read it. Every other GET needs an authenticated caller, and the query handlers decide which incidents a
 * caller may read. {@code ConsoleAccess} opens the web console's static files to everyone.
 */
@Configuration(proxyBeanMethods = false)
class QueryApiAuthorization {

    @Bean
    ApiAuthorizationRules queryApiRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/organisation", "/api/organisation/**")
                .hasAnyRole(Role.AUDITOR.name(), Role.ANALYST.name(), Role.ADMIN.name(), Role.MANAGER.name());
    }
}
