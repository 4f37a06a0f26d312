package dev.incidents.query.web;

import java.util.function.Predicate;

import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Recognises failures that mean the read store, MongoDB, cannot be reached at the moment, as opposed to a fault in a
 * query or a read model document.
 */
final class ReadStoreFailures {

    /** Maximum causes followed, so that a cause chain with a cycle ends. */
    private static final int MAX_CAUSE_DEPTH = 32;

    private ReadStoreFailures() {
    }

    /**
     * Returns the exception in the cause chain that shows MongoDB cannot be reached, or null if there is none. Found:
     * the driver's server selection and connection timeouts, socket failures, a server marked unavailable, and
     * Spring's {@link DataAccessResourceFailureException}, which Spring Data MongoDB translates these into. Axon's
     * query execution exceptions and {@link java.util.concurrent.CompletionException} around them are followed.
     */
    static Throwable unreachableCause(Throwable failure) {
        return firstCause(failure, cause -> cause instanceof MongoTimeoutException
                || cause instanceof MongoSocketException || cause instanceof MongoServerUnavailableException
                || cause instanceof DataAccessResourceFailureException);
    }

    /** Returns the first exception of the cause chain, starting with {@code failure}, that matches; null if none. */
    static Throwable firstCause(Throwable failure, Predicate<Throwable> matches) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (matches.test(cause)) {
                return cause;
            }
            cause = cause.getCause();
        }
        return null;
    }
}
