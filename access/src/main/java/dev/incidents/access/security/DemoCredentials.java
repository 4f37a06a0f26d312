package dev.incidents.access.security;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.api.access.Role;
import dev.incidents.api.organisation.UserDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Collectors;

/**
 * Generates a random password for every user of the organisation when no password file exists yet, so no default
 * password is ever shipped. The bcrypt hashes go to the password file and the clear passwords to the demo
 * credentials file, one {@code user password ROLE,ROLE} line per user. Both files and their folders are readable
 * by the owner only.
 */
public final class DemoCredentials {

    private static final Logger log = LoggerFactory.getLogger(DemoCredentials.class);

    private final RandomPasswords passwords;
    private final BCryptPasswordEncoder encoder;

    public DemoCredentials(int bcryptStrength) {
        SecureRandom random = new SecureRandom();
        this.passwords = new RandomPasswords(random);
        this.encoder = new BCryptPasswordEncoder(bcryptStrength, random);
    }

    /**
     * Writes both files unless the password file exists. The password file is written last, so a start that stops
     * half way generates everything again on the next start.
     *
     * @return true when the files were generated
     */
    public boolean generateIfMissing(Organisation organisation, Path passwordFile, Path credentialsFile)
            throws IOException {
        if (Files.exists(passwordFile)) {
            return false;
        }
        StringBuilder hashes = new StringBuilder();
        StringBuilder clear = new StringBuilder();
        for (UserDefinition user : organisation.users()) {
            String password = passwords.next();
            hashes.append(user.id()).append(":{bcrypt}").append(encoder.encode(password)).append('\n');
            clear.append(user.id()).append(' ').append(password).append(' ')
                    .append(user.roles().stream().map(Role::name).collect(Collectors.joining(","))).append('\n');
        }

        OwnerOnlyFiles.write(credentialsFile, clear.toString());
        OwnerOnlyFiles.write(passwordFile, hashes.toString());
        log.info("Generated demo passwords for {} users: hashes in {}, passwords in {} (owner-only; shown by"
                + " bin/incidents credentials)", organisation.users().size(), passwordFile, credentialsFile);
        return true;
    }
}
