package dev.incidents.access.security;

import dev.incidents.access.organisation.InvalidOrganisationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidOrganisationStartTest {

    @TempDir
    Path folder;

    @Test
    void invalidFileStopsStartNamingEntry() throws Exception {
        String demo = Files.readString(Path.of("../config/organisation.yml"));
        Path broken = Files.writeString(folder.resolve("organisation.yml"),
                demo.replace("members: [dora.db]", "members: [dora.db, nobody]"));

        assertThatThrownBy(() -> new SpringApplicationBuilder(AccessTestApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--incidents.organisation.file=" + broken,
                "--incidents.security.password-file=" + folder.resolve("passwords")))
                .hasRootCauseInstanceOf(InvalidOrganisationException.class)
                .rootCause()
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("group 'DB': member 'nobody' is not listed under users");
        assertThat(folder.resolve("passwords")).doesNotExist();
    }
}
