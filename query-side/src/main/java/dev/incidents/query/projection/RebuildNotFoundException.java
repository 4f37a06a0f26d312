package dev.incidents.query.projection;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.incidents.access.problem.Problems;

/** Failure raised when the progress of a processor is requested that has not been rebuilt, rendered as 404. */
class RebuildNotFoundException extends ErrorResponseException {

    /** The processor has not been rebuilt since the query side started (HTTP 404). */
    static final String REBUILD_NOT_FOUND = "REBUILD_NOT_FOUND";

    RebuildNotFoundException(String processor) {
        super(HttpStatus.NOT_FOUND, problem(processor), null);
    }

    private static ProblemDetail problem(String processor) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, REBUILD_NOT_FOUND, "Rebuild not found",
                "The " + processor + " processor has not been rebuilt since the query side started. Start a rebuild "
                        + "with POST /api/projections/" + processor + "/rebuild.");
        problem.setProperty("processor", processor);
        return problem;
    }
}
