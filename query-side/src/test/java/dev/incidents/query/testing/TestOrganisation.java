package dev.incidents.query.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.access.organisation.OrganisationFileReader;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.organisation.UserDefinition;

/**
 * The organisation of the query-side tests ({@code test-organisation.yml}) and a password file for its users, in
 * which each user has the password {@code <user>-password}.
 */
public final class TestOrganisation {

    public static final Path FILE = Path.of("src/test/resources/test-organisation.yml").toAbsolutePath();

    private static Organisation organisation;
    private static Path passwordFile;

    private TestOrganisation() {
    }

    public static synchronized Organisation organisation() {
        if (organisation == null) {
            organisation = new OrganisationFileReader(new SupportGroupId("SERVICE-DESK")).read(FILE);
        }
        return organisation;
    }

    public static String password(String user) {
        return user + "-password";
    }

    /**
     * Returns the password file, written on the first call into a temporary file that is deleted when the JVM exits.
     * The hashes use the lowest bcrypt strength, so each HTTP Basic check stays fast.
     */
    public static synchronized Path passwordFile() {
        if (passwordFile == null) {
            BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
            StringBuilder lines = new StringBuilder();
            for (UserDefinition user : organisation().users()) {
                lines.append(user.id()).append(":{bcrypt}").append(encoder.encode(password(user.id().value())))
                        .append('\n');
            }
            try {
                Path file = Files.createTempFile("query-side-passwords", "");
                file.toFile().deleteOnExit();
                passwordFile = Files.writeString(file, lines);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the test password file", e);
            }
        }
        return passwordFile;
    }

    /** Points the application's organisation file and password file at the test ones. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("incidents.organisation.file", FILE::toString);
        registry.add("incidents.security.password-file", () -> passwordFile().toString());
    }
}
