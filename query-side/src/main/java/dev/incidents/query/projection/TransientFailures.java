package dev.incidents.query.projection;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * Tells failures of the read model database, which a later attempt may not meet, from failures of one event, which
 * every attempt meets again.
 */
final class TransientFailures {

    private TransientFailures() {
    }

    /** Returns true when {@code failure} or one of its causes is a connection, timeout or failover error. */
    static boolean isTransient(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof MongoSocketException
                    || current instanceof MongoTimeoutException
                    || current instanceof MongoNotPrimaryException
                    || current instanceof MongoNodeIsRecoveringException
                    || current instanceof MongoInterruptedException
                    || current instanceof DataAccessResourceFailureException
                    || current instanceof TransientDataAccessException
                    || current instanceof RecoverableDataAccessException) {
                return true;
            }
            if (current.getCause() == current) {
                return false;
            }
        }
        return false;
    }
}
