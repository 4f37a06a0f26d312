package dev.incidents.command.web;

import dev.incidents.access.CurrentCaller;
import dev.incidents.access.problem.ProblemDetailsExceptionHandler;
import dev.incidents.access.problem.Problems;
import dev.incidents.api.access.Caller;
import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.error.InputRejection;
import dev.incidents.api.incident.Values;
import dev.incidents.command.incident.IncidentPermissions;
import dev.incidents.command.incident.IncidentRuleViolation;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.HandlerMapping;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps failures to RFC 9457 problem details with a stable {@code code}: 400 for invalid input, 404 for an unknown
 * incident, 409 for a command the incident's state does not allow, 412 for a version that does not match. Business
 * errors are mapped by their stable code, never by message.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ProblemDetailsExceptionHandler {

    /** A command failed on the server and changed nothing (HTTP 500). */
    static final String COMMAND_FAILED = "COMMAND_FAILED";
    /** The request's content type is not one the endpoint reads (HTTP 415). */
    static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final CurrentCaller currentCaller;
    private final RejectedRequests rejectedRequests;

    ProblemDetailsAdvice(CurrentCaller currentCaller, RejectedRequests rejectedRequests) {
        this.currentCaller = currentCaller;
        this.rejectedRequests = rejectedRequests;
    }

    @ExceptionHandler(IncidentRuleViolation.class)
    ProblemDetail ruleViolation(IncidentRuleViolation violation, HttpServletRequest request) {
        rejectedRequests.record(request, violation.rejection().code(), violation.rejection().message());
        return fromRejection(violation.rejection(), request);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandExecution(CommandExecutionException exception, HttpServletRequest request) {
        // Through Axon Server a business error arrives as details (BusinessErrorDetailsInterceptor), not as its own
        // class, and gets the same problem as the local exception.
        Object details = exception.getDetails().orElse(null);
        if (details instanceof CommandRejection rejection && rejection.code() == ErrorCode.INCIDENT_NOT_FOUND) {
            return notFound(rejection.incidentId(), request);
        }
        if (details instanceof CommandRejection rejection) {
            return fromRejection(rejection, request);
        }
        if (details instanceof InputRejection invalid) {
            return invalidValue(new IllegalArgumentException(invalid.message()), request);
        }
        if (exception.getCause() instanceof IncidentRuleViolation violation) {
            return fromRejection(violation.rejection(), request);
        }
        log.error("Command {} {} failed without business error details", request.getMethod(),
                request.getRequestURI(), exception);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, COMMAND_FAILED, "Command failed",
                "The command could not be processed; nothing was changed. Try again later.");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException exception, HttpServletRequest request) {
        return notFound(String.valueOf(exception.getAggregateIdentifier()), request);
    }

    private ProblemDetail notFound(String incidentId, HttpServletRequest request) {
        // A caller who reads only their own incidents gets the same 403 as for someone else's incident, so that the
        // difference between 403 and 404 does not tell which ids exist.
        Caller caller = currentCaller.get();
        if (IncidentPermissions.readsOnlyOwnIncidents(caller)) {
            String path = request.getRequestURI();
            String command = path.substring(path.lastIndexOf('/') + 1);
            return fromRejection(IncidentPermissions.unreadable(caller, incidentId, command), request);
        }
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ErrorCode.INCIDENT_NOT_FOUND, "Incident not found",
                "No incident has the id " + incidentId + ". Check the id, or report the incident first.");
        problem.setProperty("incidentId", incidentId);
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalidValue(IllegalArgumentException exception, HttpServletRequest request) {
        String message = exception.getMessage() == null ? "A value of the request is invalid."
                : TextCharacters.escape(exception.getMessage());
        log.warn("Rejected {} {}: {}", request.getMethod(), request.getRequestURI(), message);
        rejectedRequests.record(request, ErrorCode.INVALID_INPUT, message);
        return Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT, "Invalid input", message);
    }

    @ExceptionHandler(VersionHeaders.WeakEntityTagException.class)
    ProblemDetail weakIfMatch(VersionHeaders.WeakEntityTagException exception, HttpServletRequest request) {
        String incidentId = pathIncidentId(request);
        log.warn("Rejected {} of incident {}: {}", request.getRequestURI(), incidentId, exception.getMessage());
        rejectedRequests.record(request, ErrorCode.VERSION_CONFLICT, exception.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, ErrorCode.VERSION_CONFLICT,
                "Incident changed since it was read", exception.getMessage());
        problem.setProperty("incidentId", incidentId);
        return problem;
    }

    @Override
    protected String apiPaths() {
        return "The command API takes POST requests under /api/incidents and /api/imports, and PUT and POST requests"
                + " under /api/service-levels; incidents are read from the query side.";
    }

    @Override
    protected String codeFor(int status) {
        return status == HttpStatus.INTERNAL_SERVER_ERROR.value() ? COMMAND_FAILED : super.codeFor(status);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getRejectedValue() == null
                        ? Map.of("field", error.getField(), "rule", "is missing")
                        : Map.of(
                                "field", error.getField(),
                                "value", TextCharacters.escape(Values.truncate(
                                        String.valueOf(error.getRejectedValue()))),
                                "rule", String.valueOf(error.getDefaultMessage())))
                .toList();
        String summary = errors.stream()
                .map(error -> error.containsKey("value")
                        ? error.get("field") + " '" + error.get("value") + "' " + error.get("rule")
                        : error.get("field") + " is missing")
                .collect(Collectors.joining("; "));
        log.warn("Rejected {}: {}", request.getDescription(false), summary);
        String detail = "Invalid request: " + summary + ".";
        if (request instanceof ServletWebRequest servletRequest) {
            rejectedRequests.record(servletRequest.getRequest(), ErrorCode.INVALID_INPUT, detail);
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT, "Invalid input",
                detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (exception.getMostSpecificCause() instanceof RequestSizeFilter.BodyTooLargeException tooLarge) {
            ProblemDetail problem = Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.BODY_TOO_LARGE,
                    "Request body too large", tooLarge.getMessage() + ". Shorten the text.");
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
        }
        String detail = UnreadableBodies.describe(exception);
        log.warn("Rejected the body of {}: {}", request.getDescription(false), detail);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT, "Invalid input", detail);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException exception,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String supported = exception.getSupportedMediaTypes().stream()
                .map(Object::toString)
                .collect(Collectors.joining(", "));
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_MEDIA_TYPE,
                "Unsupported content type", "Content-Type '" + exception.getContentType()
                        + "' is not accepted here; send " + (supported.isEmpty() ? "application/json" : supported)
                        + ".");
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(problem);
    }

    private static ProblemDetail fromRejection(CommandRejection rejection, HttpServletRequest request) {
        HttpStatus status = switch (rejection.code()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case INCIDENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INCIDENT_ALREADY_EXISTS, COMMAND_NOT_ALLOWED, OCCURRED_BEFORE_LAST_EVENT -> HttpStatus.CONFLICT;
            case VERSION_CONFLICT -> HttpStatus.PRECONDITION_FAILED;
            case NOT_PERMITTED -> HttpStatus.FORBIDDEN;
        };
        // The incident is the one the path names. A report names none, because the incident does not exist yet,
        // while the rejection of a report may carry the text "null" as its id.
        String incidentId = pathIncidentId(request);
        ProblemDetail problem = Problems.of(status, rejection.code(), titleOf(rejection.code()), rejection.message());
        problem.setProperty("incidentId", incidentId);
        problem.setProperty("command", rejection.command());
        problem.setProperty("state", rejection.state());
        problem.setProperty("allowedCommands", rejection.allowedCommands());
        log.warn("Rejected {} of incident {}: {}", rejection.command(), incidentId, rejection.message());
        return problem;
    }

    /** Returns the {@code {id}} path variable of the request, or null for a path without one. */
    static String pathIncidentId(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map && map.get("id") instanceof String id ? id : null;
    }

    private static String titleOf(ErrorCode code) {
        return switch (code) {
            case INVALID_INPUT -> "Invalid input";
            case INCIDENT_NOT_FOUND -> "Incident not found";
            case INCIDENT_ALREADY_EXISTS -> "Incident already exists";
            case COMMAND_NOT_ALLOWED -> "Command not allowed in the current state";
            case OCCURRED_BEFORE_LAST_EVENT -> "Time before the incident's last change";
            case VERSION_CONFLICT -> "Incident changed since it was read";
            case NOT_PERMITTED -> "Not permitted for this user";
        };
    }
}
