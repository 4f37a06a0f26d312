package dev.incidents.query.web;

import dev.incidents.access.security.ApiAuthorizationRules;
import dev.incidents.api.access.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * URL rules of the query API: the organisation, with every user and role, is for auditors, analysts, admins and
 * managers; every other GET needs any authenticated caller, and which incidents a caller sees is decided by the
 * query handlers.
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
