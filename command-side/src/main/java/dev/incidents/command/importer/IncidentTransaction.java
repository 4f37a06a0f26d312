package dev.incidents.command.importer;

import dev.incidents.api.incident.IncidentStatus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unit of work of one imported incident, in which all its commands share one database transaction.
 * <p>
 * The embedded event store writes a chunk of its file for every commit, and that write took about half of an import
 * worker's time when each command committed on its own. With a local command bus each command's unit of work nests in
 * the incident's one: its events join the incident's, which are appended together, and its deadlines are scheduled
 * in the same transaction. The incident stays locked until the transaction ends.
 * <p>
 * A rejected or failed command rolls the whole incident back, and the caller imports it again one command at a time.
 * The source counts of an attempt are kept apart and added to the import's only when it commits, so a record is
 * never counted twice.
 */
final class IncidentTransaction {

    private static final Logger log = LoggerFactory.getLogger(IncidentTransaction.class);

    private final TransactionManager transactionManager;

    IncidentTransaction(TransactionManager transactionManager) {
        this.transactionManager = transactionManager;
    }

    /**
     * Imports {@code incident} in one transaction and adds its counts to {@code tally}. Returns false, having changed
     * nothing, when a command was rejected or failed or the commit failed.
     */
    boolean tryImport(String importId, ImportFormat.IncidentRecords incident, IncidentCommandSender sender,
                      ImportTally tally) {
        ImportTally attempt = new ImportTally();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>(incident.incidentId()));
        try {
            unitOfWork.attachTransaction(transactionManager);
            incident.importInto(new AbandoningSender(sender), attempt);
            unitOfWork.commit();
        } catch (RuntimeException e) {
            rollBack(unitOfWork, e);
            log.info("Import {}: incident {} rolled back, importing it again one command at a time ({})",
                    importId, incident.incidentId(), describe(e));
            return false;
        } catch (Error e) {
            // An error such as OutOfMemoryError must not leave the unit of work open on this thread: the next
            // incidents of the thread would nest in it and never commit.
            rollBack(unitOfWork, e);
            throw e;
        }

        tally.addAll(attempt);
        return true;
    }

    private static void rollBack(UnitOfWork<?> unitOfWork, Throwable cause) {
        if (unitOfWork.isActive() && unitOfWork.phase().isBefore(UnitOfWork.Phase.ROLLBACK)) {
            unitOfWork.rollback(cause);
        }
    }

    private static String describe(RuntimeException failure) {
        Throwable cause = failure instanceof Abandoned ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /**
     * Sender that turns the first rejected or failed command into {@link Abandoned}, which the importers do not
     * catch, so the records after it are not applied to an incident whose transaction can no longer commit.
     */
    private record AbandoningSender(IncidentCommandSender sender) implements IncidentCommandSender {

        @Override
        public IncidentStatus send(Object command, long position) {
            try {
                return sender.send(command, position);
            } catch (RuntimeException e) {
                throw new Abandoned(e);
            }
        }

        @Override
        public IncidentStatus send(Object command, long position, String sourceStatus) {
            try {
                return sender.send(command, position, sourceStatus);
            } catch (RuntimeException e) {
                throw new Abandoned(e);
            }
        }
    }

    /** Failure that ends an attempt to import an incident in one transaction. */
    static final class Abandoned extends RuntimeException {

        Abandoned(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
