package dev.incidents.query.hashchain;

import dev.incidents.access.security.ApiAuthorizationRules;
import dev.incidents.api.access.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * URL rules of tamper evidence: auditors and admins verify hash chains, and analysts, auditors and admins export the
 * event log. The export contains incidents of every group, so managers and the people who work on incidents may not
 * use it.
 */
@Configuration(proxyBeanMethods = false)
class HashChainApiAuthorization {

    /** Comes before the other rules of the query side, so a broader pattern there cannot govern these paths. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApiAuthorizationRules hashChainApiRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/incidents/*/verification")
                .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/api/exports/events.csv")
                .hasAnyRole(Role.ANALYST.name(), Role.AUDITOR.name(), Role.ADMIN.name());
    }
}
