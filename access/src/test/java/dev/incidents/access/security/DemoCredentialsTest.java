package dev.incidents.access.security;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.access.organisation.OrganisationFileReader;
import dev.incidents.api.incident.SupportGroupId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCredentialsTest {

    private static final Organisation DEMO = new OrganisationFileReader(new SupportGroupId("SERVICE-DESK"))
            .read(Path.of("../config/organisation.yml"));

    @TempDir
    Path dataDir;

    @Test
    void filesAreOwnerOnly() throws Exception {
        Path folder = dataDir.resolve("security");

        new DemoCredentials(4).generateIfMissing(DEMO, folder.resolve("passwords"), folder.resolve("demo-credentials"));

        assertThat(permissions(folder)).isEqualTo("rwx------");
        assertThat(permissions(folder.resolve("passwords"))).isEqualTo("rw-------");
        assertThat(permissions(folder.resolve("demo-credentials"))).isEqualTo("rw-------");
        try (var files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("passwords", "demo-credentials");
        }
    }

    @Test
    void passwordFileHoldsOnlyHashes() throws Exception {
        Path passwords = dataDir.resolve("security/passwords");
        Path credentials = dataDir.resolve("security/demo-credentials");

        new DemoCredentials(4).generateIfMissing(DEMO, passwords, credentials);

        Map<String, String> hashes = PasswordFile.read(passwords);
        String hashText = Files.readString(passwords);
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<String> lines = Files.readAllLines(credentials);
        assertThat(lines).hasSize(DEMO.users().size());
        for (String line : lines) {
            String[] fields = line.split(" ");
            assertThat(fields).as(line).hasSize(3);
            assertThat(fields[1]).matches("[A-Za-z0-9]{20}");
            assertThat(hashText).doesNotContain(fields[1]);
            assertThat(hashes.get(fields[0])).startsWith("{bcrypt}");
            assertThat(encoder.matches(fields[1], hashes.get(fields[0]))).isTrue();
        }
    }

    @Test
    void secondStartKeepsPasswords() throws Exception {
        Path passwords = dataDir.resolve("security/passwords");
        Path credentials = dataDir.resolve("security/demo-credentials");
        new DemoCredentials(4).generateIfMissing(DEMO, passwords, credentials);
        String firstHashes = Files.readString(passwords);
        String firstCredentials = Files.readString(credentials);

        boolean generated = new DemoCredentials(4).generateIfMissing(DEMO, passwords, credentials);

        assertThat(generated).isFalse();
        assertThat(Files.readString(passwords)).isEqualTo(firstHashes);
        assertThat(Files.readString(credentials)).isEqualTo(firstCredentials);
    }

    @Test
    void clearPasswordInPasswordFileIsRejected() throws Exception {
        Path passwords = Files.writeString(dataDir.resolve("passwords"), "rita:hunter2\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PasswordFile.read(passwords))
                .hasMessageContaining("line 1 (user 'rita')")
                .hasMessageContaining("not an encoded hash");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
