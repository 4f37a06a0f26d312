package dev.incidents.query.projection;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.incidents.access.problem.Problems;
import dev.incidents.api.incident.Values;

/** Failure raised for a processor name that no read model uses, rendered as 404 with the names that exist. */
class ProjectionNotFoundException extends ErrorResponseException {

    /** No read model is built by the named processor (HTTP 404). */
    static final String PROJECTION_NOT_FOUND = "PROJECTION_NOT_FOUND";

    ProjectionNotFoundException(String processor, List<String> known) {
        super(HttpStatus.NOT_FOUND, problem(processor, known), null);
    }

    private static ProblemDetail problem(String processor, List<String> known) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, PROJECTION_NOT_FOUND, "Projection not found",
                "No projection is built by a processor named '" + Values.truncate(processor)
                        + "'. Use one of " + String.join(", ", known) + ".");
        problem.setProperty("processor", Values.truncate(processor));
        problem.setProperty("processors", known);
        return problem;
    }
}
