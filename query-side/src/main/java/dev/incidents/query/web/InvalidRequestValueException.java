package dev.incidents.query.web;

import java.util.Collection;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.incidents.access.problem.Problems;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.Values;

/** Failure raised for a path variable or query parameter with an invalid value, rendered as a 400 problem detail. */
public class InvalidRequestValueException extends ErrorResponseException {

    public InvalidRequestValueException(String parameter, String value, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, value, detail), null);
    }

    /** Adds the allowed range of an integer parameter as the {@code minimum} and {@code maximum} properties. */
    public InvalidRequestValueException withAllowedRange(long minimum, long maximum) {
        getBody().setProperty("minimum", minimum);
        getBody().setProperty("maximum", maximum);
        return this;
    }

    /** Adds the parameters the endpoint accepts as the {@code allowedParameters} property. */
    public InvalidRequestValueException withAllowed(Collection<String> parameters) {
        getBody().setProperty("allowedParameters", List.copyOf(parameters));
        return this;
    }

    private static ProblemDetail problem(String parameter, String value, String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT, "Invalid request value",
                detail);
        problem.setProperty("parameter", parameter);
        problem.setProperty("value", Values.truncate(value));
        return problem;
    }
}
