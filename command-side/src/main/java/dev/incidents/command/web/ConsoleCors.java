package dev.incidents.command.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Cross-origin access for the web console. The query side serves the console, so its pages run on another origin
 * (another port) and send their commands here from the browser. Only the origins in
 * {@code incidents.console.allowed-origins} (comma-separated, default the query side's URL) may send them, and only
 * to the incident commands. An empty list switches cross-origin access off.
 *
 * <p>The bean name {@code corsConfigurationSource} is the one Spring Security's CORS filter looks up, so the filter
 * handles preflight requests before authentication, because a preflight carries no credentials.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleCors {

    /** How long a browser may cache a preflight response. */
    static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(ConsoleCors.class);

    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${incidents.console.allowed-origins:}") List<String> allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty())
                .map(ConsoleCors::checkedOrigin).toList();
        if (origins.isEmpty()) {
            log.info("Cross-origin requests are off: incidents.console.allowed-origins is empty");
            return source;
        }

        CorsConfiguration commands = new CorsConfiguration();
        commands.setAllowedOrigins(origins);
        commands.setAllowedMethods(List.of(HttpMethod.POST.name()));
        commands.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
                IdempotencyFilter.HEADER));
        commands.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION));
        // The console sends the Authorization header itself and no cookies, so credentials mode stays off.
        commands.setAllowCredentials(false);
        commands.setMaxAge(PREFLIGHT_MAX_AGE);
        source.registerCorsConfiguration("/api/incidents", commands);
        source.registerCorsConfiguration("/api/incidents/**", commands);
        log.info("Incident commands accept cross-origin requests from {}", origins);
        return source;
    }

    /**
     * Returns the origin as browsers send it in the {@code Origin} header: scheme, host and port, without a path or
     * a trailing slash. Anything else would never match and silently block the console, so it stops the start.
     */
    static String checkedOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (http && uri.getHost() != null && bare) {
                return origin;
            }
        } catch (URISyntaxException e) {
            // Reported below with the rule.
        }
        throw new IllegalArgumentException("incidents.console.allowed-origins contains the invalid origin '" + origin
                + "': give scheme, host and port only, such as http://127.0.0.1:8081, without a path or a trailing"
                + " slash");
    }
}
