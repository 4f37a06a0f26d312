package dev.incidents.systemtests;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/incidents credentials} on a data directory where the servers never ran. */
class CredentialsCommandIntegrationTest {

    @Test
    void credentialsBeforeFirstStartFailClearly() throws Exception {
        try (IncidentsStack stack = IncidentsStack.create("credentials")) {
            IncidentsStack.Result result = stack.run(Duration.ofMinutes(1), "credentials");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output()).contains("no demo credentials at " + stack.dataDir())
                    .contains("bin/incidents up");
        }
    }
}
