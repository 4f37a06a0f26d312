package dev.incidents.command.web;

import dev.incidents.access.security.ApiAuthorizationRules;
import dev.incidents.api.access.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * URL rules of the command API. Only the working roles send incident commands, only ADMIN runs imports, and only
 * MANAGER and ADMIN save calendars and publish service level policies, so AUDITOR and ANALYST change nothing. Which of the working roles may send which command, on which incident, is
 * checked by the incident itself.
 */
@Configuration(proxyBeanMethods = false)
class CommandApiAuthorization {

    static final String[] WORKING_ROLES = {Role.REQUESTER.name(), Role.SERVICE_DESK.name(),
            Role.SPECIALIST.name(), Role.MANAGER.name()};

    @Bean
    ApiAuthorizationRules commandApiRules() {
        return requests -> requests
                .requestMatchers("/api/service-levels/**").hasAnyRole(Role.MANAGER.name(), Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/api/incidents", "/api/incidents/**").hasAnyRole(WORKING_ROLES)
                .requestMatchers("/api/imports", "/api/imports/**").hasRole(Role.ADMIN.name());
    }
}
