package dev.incidents.query.whatif;

import dev.incidents.access.problem.Problems;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.Values;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Failure raised for a what-if request body with a missing or invalid field, rendered as a 400 problem detail. */
class InvalidWhatIfRequestException extends ErrorResponseException {

    private static final String PREFIX = "Invalid what-if request: ";

    /**
     * @param field the JSON path of the field, such as {@code policy.targets.P3_MODERATE.resolution}
     * @param value the rejected value as JSON text, or null when the field is missing
     * @param rule  what is wrong with the value and what to give instead, worded to follow the value in a sentence.
     *              For a missing field, only what to give
     */
    InvalidWhatIfRequestException(String field, String value, String rule) {
        super(HttpStatus.BAD_REQUEST, problem(field, value, value == null
                ? PREFIX + field + " is missing; " + rule + "."
                : PREFIX + field + " '" + Values.truncate(value) + "' " + rule + "."), null);
    }

    private InvalidWhatIfRequestException(ProblemDetail problem) {
        super(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** Returns the failure for a body that is not one JSON object, with the parser's reason. */
    static InvalidWhatIfRequestException unreadableBody(String reason) {
        return new InvalidWhatIfRequestException(problem("body", null, PREFIX + "body is not valid JSON: " + reason
                + ". Send one JSON object with the incidents and the policy to judge them by."));
    }

    private static ProblemDetail problem(String field, String value, String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT, "Invalid input", detail);
        problem.setProperty("field", field);
        if (value != null) {
            problem.setProperty("value", Values.truncate(value));
        }
        return problem;
    }
}
