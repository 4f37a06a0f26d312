package dev.incidents.query.whatif;

import dev.incidents.access.security.ApiAuthorizationRules;
import dev.incidents.api.access.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * URL rule of the what-if analysis. {@link IncidentSelector} also checks that a caller who is only a manager
 * selects incidents of the groups they manage.
 */
@Configuration(proxyBeanMethods = false)
class WhatIfApiAuthorization {

    /** Comes before the other rules of the query side, so a broader pattern there cannot govern this path. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApiAuthorizationRules whatIfApiRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/analytics/what-if")
                .hasAnyRole(Role.MANAGER.name(), Role.ANALYST.name(), Role.ADMIN.name());
    }
}
