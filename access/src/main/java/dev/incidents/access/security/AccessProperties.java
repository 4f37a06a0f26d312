package dev.incidents.access.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Authentication settings shared by both sides, under {@code incidents.security}.
 *
 * @param mode                    BASIC (default) or JWT
 * @param passwordFile            one {@code user:{bcrypt}hash} line per user who may log in with HTTP Basic
 * @param demoCredentialsFile     where the generated clear passwords are written, readable by the owner only
 * @param generateDemoCredentials whether a start without a password file generates one password per user
 * @param bcryptStrength          log2 of the bcrypt rounds of generated hashes (4 to 31)
 * @param jwt                     the claims read from a JWT in JWT mode
 * @param passwordCacheTimeToLive how long a password that matched its hash is accepted without another bcrypt
 *                                check (default 5 minutes); zero checks every request
 */
@ConfigurationProperties("incidents.security")
public record AccessProperties(@DefaultValue("BASIC") SecurityMode mode, Path passwordFile,
                               Path demoCredentialsFile, boolean generateDemoCredentials,
                               @DefaultValue("10") int bcryptStrength, @DefaultValue Jwt jwt,
                               @DefaultValue("PT5M") Duration passwordCacheTimeToLive) {

    public AccessProperties {
        passwordFile = (passwordFile == null ? Path.of("data/security/passwords") : passwordFile)
                .toAbsolutePath().normalize();
        demoCredentialsFile = (demoCredentialsFile == null ? passwordFile.resolveSibling("demo-credentials")
                : demoCredentialsFile).toAbsolutePath().normalize();
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new IllegalArgumentException("invalid incidents.security.bcrypt-strength " + bcryptStrength
                    + ": use 4 to 31");
        }
        if (passwordCacheTimeToLive.isNegative()) {
            throw new IllegalArgumentException("invalid incidents.security.password-cache-time-to-live "
                    + passwordCacheTimeToLive + ": use zero or a positive duration such as PT5M");
        }
    }

    /**
     * Claim names of JWT mode. A claim that a token does not carry is taken from the organisation file: the user's
     * roles, or the groups that list the user as a member.
     *
     * @param userClaim   the claim holding the user id
     * @param rolesClaim  the claim holding the role names, as a list or a space- or comma-separated text
     * @param groupsClaim the claim holding the support groups, home group first
     */
    public record Jwt(@DefaultValue("sub") String userClaim, @DefaultValue("roles") String rolesClaim,
                      @DefaultValue("groups") String groupsClaim) {
    }
}
