package dev.incidents.access.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Base of both sides' controller advice. It gives Spring MVC's own problems, such as 405 or 415, a {@code code} and
 * the matching {@code type}, and rejects an unknown path with {@code RESOURCE_NOT_FOUND} instead of "No static
 * resource".
 */
public abstract class ProblemDetailsExceptionHandler extends ResponseEntityExceptionHandler {

    /** Returns the sentence that lists the paths of the API, for the 404 of an unknown path. */
    protected abstract String apiPaths();

    /** Returns the code of a Spring MVC problem of this status; a side may name its own code for 500. */
    protected String codeFor(int status) {
        return Problems.codeFor(status);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && !Problems.hasCode(problem)) {
            Problems.identify(problem, codeFor(statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception,
                                                                    HttpHeaders headers, HttpStatusCode status,
                                                                    WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, Problems.RESOURCE_NOT_FOUND, "Resource not found",
                "No endpoint has the path /" + exception.getResourcePath() + ". " + apiPaths());
        return handleExceptionInternal(exception, problem, headers, HttpStatus.NOT_FOUND, request);
    }
}
