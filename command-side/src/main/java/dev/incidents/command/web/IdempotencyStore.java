package dev.incidents.command.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Remembers the response to each request sent with an {@code Idempotency-Key}, in the event store's database so
 * that a retry after a restart still gets the first result.
 */
@Component
class IdempotencyStore {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

    /**
     * The stored outcome of a request, with the headers a retry needs; {@code status} is null while the first request
     * is still running.
     */
    record StoredResponse(String fingerprint, Integer status, String contentType, String etag, String location,
                          String body) {
    }

    private final JdbcTemplate jdbc;

    IdempotencyStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS idempotency_record ("
                + "idempotency_key VARCHAR(200) PRIMARY KEY, "
                + "fingerprint VARCHAR(64) NOT NULL, "
                + "status INT, "
                + "content_type VARCHAR(200), "
                + "body CLOB, "
                + "created_at TIMESTAMP NOT NULL)");
        // Tables created before the headers were stored get the columns here.
        jdbc.execute("ALTER TABLE idempotency_record ADD COLUMN IF NOT EXISTS etag VARCHAR(200)");
        jdbc.execute("ALTER TABLE idempotency_record ADD COLUMN IF NOT EXISTS location VARCHAR(2000)");

        int interrupted = releaseInterruptedClaims();
        if (interrupted > 0) {
            log.info("Released {} idempotency keys of requests that were running when the server stopped, so their"
                    + " retries run again", interrupted);
        }
    }

    /**
     * Deletes the claims of requests that were still running when the server stopped and returns how many there
     * were. Their retries then run again instead of waiting for a response that will never be stored. The
     * constructor calls it, before any request of this process runs.
     */
    int releaseInterruptedClaims() {
        return jdbc.update("DELETE FROM idempotency_record WHERE status IS NULL");
    }

    Optional<StoredResponse> find(String key) {
        List<StoredResponse> found = jdbc.query(
                "SELECT fingerprint, status, content_type, etag, location, body FROM idempotency_record"
                        + " WHERE idempotency_key = ?",
                (row, index) -> new StoredResponse(row.getString(1), (Integer) row.getObject(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6)),
                key);
        return found.stream().findFirst();
    }

    /** Claims the key for a new request; returns false when another request has claimed it already. */
    boolean claim(String key, String fingerprint, Instant now) {
        try {
            jdbc.update("INSERT INTO idempotency_record (idempotency_key, fingerprint, created_at) VALUES (?, ?, ?)",
                    key, fingerprint, Timestamp.from(now));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void complete(String key, int status, String contentType, String etag, String location, String body) {
        jdbc.update("UPDATE idempotency_record SET status = ?, content_type = ?, etag = ?, location = ?, body = ?"
                + " WHERE idempotency_key = ?", status, contentType, etag, location, body, key);
    }

    /** Frees the key after a server error, so that the client's retry runs the request again. */
    void release(String key) {
        jdbc.update("DELETE FROM idempotency_record WHERE idempotency_key = ? AND status IS NULL", key);
    }

    int deleteOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?", Timestamp.from(cutoff));
    }
}
