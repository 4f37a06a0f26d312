package dev.incidents.access.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.access.CurrentCaller;
import dev.incidents.access.organisation.Organisation;
import dev.incidents.access.organisation.OrganisationFileReader;
import dev.incidents.access.organisation.OrganisationVersionSource;
import dev.incidents.access.problem.ProblemErrorController;
import dev.incidents.access.problem.TomcatProblemConfiguration;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.organisation.UserDefinition;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Authentication and the organisation, shared by both sides: each application imports this class and declares
 * its URL rules as an {@link ApiAuthorizationRules} bean, and may declare an {@link OrganisationVersionSource}.
 * Every {@code /api/**} request needs an authenticated caller; the health endpoint stays open, and every other
 * actuator endpoint needs the ADMIN role. The APIs are stateless, so there is no session and no CSRF token. Errors
 * that Tomcat, the firewall or a filter send outside Spring MVC are written as problem details too.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Import({TomcatProblemConfiguration.class, ProblemErrorController.class})
@EnableConfigurationProperties(AccessProperties.class)
public class AccessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);
    /** Passwords remembered at most: far more than the users of an organisation, a few hundred bytes each. */
    private static final int PASSWORD_CACHE_ENTRIES = 10_000;

    /** Reads and validates the organisation file; an invalid file stops the start with a list of its problems. */
    @Bean
    Organisation currentOrganisation(@Value("${incidents.organisation.file:config/organisation.yml}") String file,
                              @Value("${incidents.service-desk-group:SERVICE-DESK}") String serviceDeskGroup) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        Organisation organisation = new OrganisationFileReader(new SupportGroupId(serviceDeskGroup)).read(path);
        log.info("Read the organisation from {}: {} groups, {} users, sha256 {}", path,
                organisation.groups().size(), organisation.users().size(), organisation.sha256());
        return organisation;
    }

    @Bean
    CallerResolver callerResolver(Organisation organisation, ObjectProvider<OrganisationVersionSource> versions,
                                  AccessProperties properties) {
        OrganisationVersionSource source = versions.getIfAvailable(() -> () -> 0L);
        return new CallerResolver(organisation, source, properties.jwt());
    }

    @Bean
    CurrentCaller currentCaller(CallerResolver callerResolver) {
        return new SecurityContextCurrentCaller(callerResolver);
    }

    /**
     * Verifies every encoding Spring Security supports, chosen by the {@code {id}} prefix of the hash, and remembers
     * matches for {@code incidents.security.password-cache-time-to-live} (zero turns that off).
     */
    @Bean
    PasswordEncoder passwordEncoder(AccessProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        Duration timeToLive = properties.passwordCacheTimeToLive();
        if (timeToLive.isZero()) {
            return encoder;
        }
        return new VerifiedPasswordCache(encoder, timeToLive, PASSWORD_CACHE_ENTRIES, System::nanoTime);
    }

    /**
     * Builds the HTTP Basic users. Where the password file is missing and generation is on (the command side of
     * the embedded default), it first generates a password per user of the organisation.
     */
    @Bean
    @ConditionalOnProperty(name = "incidents.security.mode", havingValue = "basic", matchIfMissing = true)
    UserDetailsService userDetailsService(Organisation organisation, AccessProperties properties) {
        Path passwordFile = properties.passwordFile();
        try {
            if (properties.generateDemoCredentials()) {
                new DemoCredentials(properties.bcryptStrength())
                        .generateIfMissing(organisation, passwordFile, properties.demoCredentialsFile());
            }
            if (!Files.isRegularFile(passwordFile)) {
                throw new IllegalStateException("The password file " + passwordFile + " is missing. Start the"
                        + " command side first, which generates it on its first start, or set"
                        + " incidents.security.password-file (INCIDENTS_PASSWORD_FILE) to a file of user:{bcrypt}hash"
                        + " lines.");
            }
            Map<String, String> hashes = PasswordFile.read(passwordFile);
            reportMismatches(organisation, hashes, passwordFile);
            log.info("HTTP Basic authentication for {} users with passwords from {}", hashes.size(), passwordFile);
            return new OrganisationUserDetailsService(organisation, hashes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the password file " + passwordFile, e);
        }
    }

    /** Writes the firewall's rejections, such as of a path with an encoded slash, as problem details. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper objectMapper) {
        return new RejectedRequestProblems(objectMapper);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessProperties properties, ObjectMapper objectMapper,
                                    ObjectProvider<ApiAuthorizationRules> rules, CallerResolver callerResolver)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(objectMapper, properties.mode());
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // Uses the side's bean named corsConfigurationSource when it declares one; without it no cross-origin
                // request gets CORS headers.
                .cors(Customizer.withDefaults())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    // An error raised by a request is rendered on an ERROR dispatch, which must not ask again for
                    // credentials.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // Health shows anonymous callers its status only (management.endpoint.health.show-details
                    // and show-components). The other actuator endpoints expose metrics and configuration that
                    // API users have no need for.
                    requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    requests.requestMatchers("/actuator", "/actuator/**").hasRole(Role.ADMIN.name());
                    rules.orderedStream().forEach(rule -> rule.apply(requests));
                    requests.anyRequest().authenticated();
                });
        if (properties.mode() == SecurityMode.JWT) {
            log.info("API authentication: JWT bearer tokens; user from claim '{}', roles from '{}', groups from '{}'",
                    properties.jwt().userClaim(), properties.jwt().rolesClaim(), properties.jwt().groupsClaim());
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtCallerConverter(callerResolver)))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems));
        }
        return http.build();
    }

    private static void reportMismatches(Organisation organisation, Map<String, String> hashes, Path passwordFile) {
        Set<String> listed = new HashSet<>();
        for (UserDefinition user : organisation.users()) {
            listed.add(user.id().value());
            if (!hashes.containsKey(user.id().value())) {
                log.warn("User {} of the organisation has no password in {} and cannot log in", user.id(),
                        passwordFile);
            }
        }
        hashes.keySet().stream().filter(user -> !listed.contains(user)).forEach(user -> log.warn(
                "User {} has a password in {} but is not in the organisation, so cannot log in", user, passwordFile));
    }
}
