package dev.incidents.query.servicelevel;

import dev.incidents.access.security.ApiAuthorizationRules;
import dev.incidents.api.access.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/** URL rules of the read API of business calendars and service level policies. */
@Configuration(proxyBeanMethods = false)
class ServiceLevelApiAuthorization {

    /**
     * Comes before the other rules of the query side, so a broader pattern there cannot govern these paths. It names
     * the calendar and policy paths alone, because other paths under {@code /api/service-levels} have their own
     * readers.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApiAuthorizationRules serviceLevelApiRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/service-levels/calendars", "/api/service-levels/calendars/**",
                        "/api/service-levels/policies", "/api/service-levels/policies/**")
                .hasAnyRole(Role.SERVICE_DESK.name(), Role.MANAGER.name(), Role.AUDITOR.name(), Role.ANALYST.name(),
                        Role.ADMIN.name());
    }
}
