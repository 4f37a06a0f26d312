package dev.incidents.access.security;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.api.access.Role;
import dev.incidents.api.organisation.UserDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Generates a random password for every user of the organisation when no password file exists yet, so no default
 * password is ever shipped. The bcrypt hashes go to the password file and the clear passwords to the demo
 * credentials file, one {@code user password ROLE,ROLE} line per user. Both files and their folders are readable
 * by the owner only.
 */
public final class DemoCredentials {

    /** Length of a generated password: 20 characters of 62 give about 119 bits. */
    static final int PASSWORD_LENGTH = 20;

    private static final Logger log = LoggerFactory.getLogger(DemoCredentials.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final SecureRandom random = new SecureRandom();
    private final BCryptPasswordEncoder encoder;

    public DemoCredentials(int bcryptStrength) {
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
            String password = randomPassword();
            hashes.append(user.id()).append(":{bcrypt}").append(encoder.encode(password)).append('\n');
            clear.append(user.id()).append(' ').append(password).append(' ')
                    .append(user.roles().stream().map(Role::name).collect(Collectors.joining(","))).append('\n');
        }

        writeOwnerOnly(credentialsFile, clear.toString());
        writeOwnerOnly(passwordFile, hashes.toString());
        log.info("Generated demo passwords for {} users: hashes in {}, passwords in {} (owner-only; shown by"
                + " bin/incidents credentials)", organisation.users().size(), passwordFile, credentialsFile);
        return true;
    }

    String randomPassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /**
     * Writes a temporary file created with owner-only permissions before any secret goes into it, then moves it in
     * place, so the secret is never readable by others, not even for a moment.
     */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
            // The umask can only narrow the permissions requested at creation. Setting them again makes the folder
            // exactly rwx------ whatever the umask.
            Files.setPosixFilePermissions(folder, OWNER_FOLDER);
        }
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_FILE));
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
