package dev.incidents.query.projection;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.incidents.access.problem.Problems;
import dev.incidents.api.incident.Values;

/** Failure raised for a sequence that has no parked event in the processing group, rendered as 404. */
class DeadLetterSequenceNotFoundException extends ErrorResponseException {

    /** The processing group has no dead letter in the named sequence (HTTP 404). */
    static final String DEAD_LETTER_SEQUENCE_NOT_FOUND = "DEAD_LETTER_SEQUENCE_NOT_FOUND";

    DeadLetterSequenceNotFoundException(String processingGroup, String sequence) {
        super(HttpStatus.NOT_FOUND, problem(processingGroup, sequence), null);
    }

    private static ProblemDetail problem(String processingGroup, String sequence) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, DEAD_LETTER_SEQUENCE_NOT_FOUND,
                "Dead-letter sequence not found",
                "Processing group '" + processingGroup + "' has no dead letter in sequence '"
                        + Values.truncate(sequence) + "'. List the parked sequences with GET /api/dead-letters/"
                        + processingGroup + ".");
        problem.setProperty("processingGroup", processingGroup);
        problem.setProperty("sequence", Values.truncate(sequence));
        return problem;
    }
}
