package dev.incidents.query.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import dev.incidents.access.security.ApiAuthorizationRules;

/**
 * URL rule of the web console. Its pages, scripts and styles hold no data, so anyone may load them; every read and
 * command they send goes to the API with the signed-in user's credentials and passes the API's own checks.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleAccess {

    @Bean
    ApiAuthorizationRules consoleRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/**").permitAll();
    }
}
