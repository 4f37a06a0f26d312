package dev.incidents.query.projection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import dev.incidents.access.security.ApiAuthorizationRules;
import dev.incidents.api.access.Role;

/**
 * URL rules of the projection maintenance endpoints. A rebuild empties a read model until it has replayed, and a
 * fingerprint reads every document, so only auditors and admins may start one or read one. The projection status at
 * {@code /api/projections} stays open to every authenticated caller, because clients poll it after an import. The
 * dead letters name events and failures, so auditors and admins may read them, and only admins may retry or evict
 * them.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionApiAuthorization {

    @Bean
    ApiAuthorizationRules projectionApiRules() {
        return requests -> requests
                .requestMatchers("/api/projections/*/rebuild", "/api/projections/*/fingerprint")
                .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/api/dead-letters", "/api/dead-letters/**")
                .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                .requestMatchers("/api/dead-letters", "/api/dead-letters/**")
                .hasRole(Role.ADMIN.name());
    }
}
