package dev.incidents.query.export;

import dev.incidents.access.security.ApiAuthorizationRules;
import dev.incidents.api.access.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * URL rule of the exports: an export contains every selected incident with all its events, so only auditors,
 * analysts and admins, who may read every incident, may export.
 */
@Configuration(proxyBeanMethods = false)
class ExportApiAuthorization {

    /** Comes before the other rules of the query side, so a broader pattern there cannot govern this path. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApiAuthorizationRules exportApiRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/exports/**")
                .hasAnyRole(Role.AUDITOR.name(), Role.ANALYST.name(), Role.ADMIN.name());
    }
}
