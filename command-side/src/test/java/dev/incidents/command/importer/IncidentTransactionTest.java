package dev.incidents.command.importer;

import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.command.incident.IncidentRuleViolation;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentTransactionTest {

    private final CountingTransactions transactions = new CountingTransactions();
    private final IncidentTransaction incidentTransaction = new IncidentTransaction(transactions);
    private final List<Object> sent = new ArrayList<>();

    @Test
    void commitsIncidentOnce() {
        ImportTally tally = new ImportTally();

        boolean imported = incidentTransaction.tryImport("import-1", threeRecords(), acceptingSender(), tally);

        assertThat(imported).isTrue();
        assertThat(sent).containsExactly("report", "assign", "resolve");
        assertThat(transactions.started).isEqualTo(1);
        assertThat(transactions.committed).isEqualTo(1);
        assertThat(transactions.rolledBack).isZero();
        assertThat(tally.records()).isEqualTo(3);
        assertThat(tally.applied()).isEqualTo(3);
        assertThat(tally.incidents()).isEqualTo(1);
        assertThat(CurrentUnitOfWork.isStarted()).as("unit of work left open").isFalse();
    }

    @Test
    void rejectionRollsBackIncident() {
        ImportTally tally = new ImportTally();
        tally.count(RecordOutcome.APPLIED);

        boolean imported = incidentTransaction.tryImport("import-1", threeRecords(), rejecting("assign"), tally);

        assertThat(imported).isFalse();
        assertThat(sent).as("commands sent after the rejection").containsExactly("report", "assign");
        assertThat(transactions.committed).isZero();
        assertThat(transactions.rolledBack).isEqualTo(1);
        assertThat(tally.records()).as("only the count from before").isEqualTo(1);
        assertThat(tally.rejected()).isEmpty();
        assertThat(tally.incidents()).isZero();
        assertThat(CurrentUnitOfWork.isStarted()).as("unit of work left open").isFalse();
    }

    @Test
    void failedCommitCountsNothing() {
        transactions.failCommit = true;
        ImportTally tally = new ImportTally();

        boolean imported = incidentTransaction.tryImport("import-1", threeRecords(), acceptingSender(), tally);

        assertThat(imported).isFalse();
        assertThat(transactions.rolledBack).isEqualTo(1);
        assertThat(tally.records()).isZero();
        assertThat(CurrentUnitOfWork.isStarted()).as("unit of work left open").isFalse();
    }

    @Test
    void errorRollsBackAndPropagates() {
        ImportTally tally = new ImportTally();
        IncidentCommandSender failing = (command, position) -> {
            sent.add(command);
            throw new OutOfMemoryError("Java heap space");
        };

        assertThatThrownBy(() -> incidentTransaction.tryImport("import-1", threeRecords(), failing, tally))
                .isInstanceOf(OutOfMemoryError.class);

        assertThat(transactions.rolledBack).isEqualTo(1);
        assertThat(transactions.committed).isZero();
        assertThat(tally.records()).isZero();
        assertThat(CurrentUnitOfWork.isStarted()).as("unit of work left open").isFalse();
    }

    @Test
    void countsOfSeveralIncidentsAddUp() {
        ImportTally tally = new ImportTally();

        incidentTransaction.tryImport("import-1", threeRecords(), acceptingSender(), tally);
        incidentTransaction.tryImport("import-1", threeRecords(), acceptingSender(), tally);

        assertThat(tally.records()).isEqualTo(6);
        assertThat(tally.incidents()).isEqualTo(2);
        assertThat(tally.skipped()).isEqualTo(Map.of());
    }

    /** Three records, each counted as applied, or as rejected as the importers count a rule violation. */
    private static ImportFormat.IncidentRecords threeRecords() {
        return ImportFormat.IncidentRecords.of("INC-1", (sender, tally) -> {
            tally.countIncident();
            for (String command : List.of("report", "assign", "resolve")) {
                try {
                    sender.send(command, 0);
                    tally.count(RecordOutcome.APPLIED);
                } catch (IncidentRuleViolation violation) {
                    tally.count(RecordOutcome.rejected(violation.code() + " on " + command));
                }
            }
        });
    }

    private IncidentCommandSender acceptingSender() {
        return (command, position) -> {
            sent.add(command);
            return status();
        };
    }

    private IncidentCommandSender rejecting(String rejected) {
        return (command, position) -> {
            sent.add(command);
            if (command.equals(rejected)) {
                throw new IncidentRuleViolation(new CommandRejection(ErrorCode.COMMAND_NOT_ALLOWED, "INC-1", rejected,
                        "CLOSED", List.of(), "not allowed"));
            }
            return status();
        };
    }

    private static IncidentStatus status() {
        return new IncidentStatus(new IncidentId("INC-1"), IncidentState.NEW, null, null, null, 0, 0, 0, -1, true);
    }

    /** Counts the transactions a unit of work starts and ends. */
    private static final class CountingTransactions implements TransactionManager {

        int started;
        int committed;
        int rolledBack;
        boolean failCommit;

        @Override
        public Transaction startTransaction() {
            started++;
            return new Transaction() {
                @Override
                public void commit() {
                    if (failCommit) {
                        throw new IllegalStateException("the database refused the commit");
                    }
                    committed++;
                }

                @Override
                public void rollback() {
                    rolledBack++;
                }
            };
        }
    }
}
