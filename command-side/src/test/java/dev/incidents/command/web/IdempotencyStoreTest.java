package dev.incidents.command.web;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims of requests that were running when the server stopped are released; completed responses stay. */
class IdempotencyStoreTest {

    @Test
    void interruptedClaimsAreReleased() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        IdempotencyStore store = new IdempotencyStore(dataSource);
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        store.claim("running", "fingerprint-1", now);
        store.claim("finished", "fingerprint-2", now);
        store.complete("finished", 201, "application/json", "\"0\"", null, "{}");

        int released = store.releaseInterruptedClaims();

        assertThat(released).isEqualTo(1);
        assertThat(store.find("running")).isEmpty();
        assertThat(store.find("finished")).hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo(201));
        assertThat(store.claim("running", "fingerprint-1", now)).as("claim after release").isTrue();
    }
}
