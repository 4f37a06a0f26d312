package dev.incidents.query.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Recognises failures that mean the event store cannot be reached at the moment. In the embedded default that store
 * is the command side's H2 store, read over TCP.
 */
final class EventStoreFailures {

    private EventStoreFailures() {
    }

    /**
     * Returns the exception in the cause chain that shows the event store cannot be reached, or null if there is none.
     * Found: a connection the pool could not get in time, a connection that H2 refused or lost, and Spring's
     * {@link CannotGetJdbcConnectionException} around either.
     */
    static Throwable unreachableCause(Throwable failure) {
        return ReadStoreFailures.firstCause(failure, cause -> cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof CannotGetJdbcConnectionException);
    }
}
