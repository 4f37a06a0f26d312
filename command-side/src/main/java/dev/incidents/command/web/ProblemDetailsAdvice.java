package dev.incidents.command.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
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
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps failures to RFC 9457 problem details: 400 for invalid input, 404 for an unknown incident, 409 for a
 * command the incident's state does not allow. Business errors are mapped by their stable code, never by message.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final CurrentCaller currentCaller;

    ProblemDetailsAdvice(CurrentCaller currentCaller) {
        this.currentCaller = currentCaller;
    }

    @ExceptionHandler(IncidentRuleViolation.class)
    ProblemDetail ruleViolation(IncidentRuleViolation violation) {
        return fromRejection(violation.rejection());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandExecution(CommandExecutionException exception) {
        // Through a distributed command bus the rule violation arrives as details, not as its own class.
        Object details = exception.getDetails().orElse(null);
        if (details instanceof CommandRejection rejection) {
            return fromRejection(rejection);
        }
        if (exception.getCause() instanceof IncidentRuleViolation violation) {
            return fromRejection(violation.rejection());
        }
        log.error("Command failed without business error details", exception);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "command-failed", "Command failed",
                "The command could not be processed; nothing was changed. Try again later.");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException exception, HttpServletRequest request) {
        // A caller who reads only their own incidents gets the answer for someone else's incident, so that the
        // difference between 403 and 404 does not tell which ids exist.
        Caller caller = currentCaller.get();
        if (IncidentPermissions.readsOnlyOwnIncidents(caller)) {
            String path = request.getRequestURI();
            String command = path.substring(path.lastIndexOf('/') + 1);
            return fromRejection(IncidentPermissions.unreadable(caller, String.valueOf(exception.getAggregateIdentifier()),
                    command));
        }
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "incident-not-found", "Incident not found",
                "No incident has the id " + exception.getAggregateIdentifier()
                        + ". Check the id, or report the incident first.");
        problem.setProperty("code", ErrorCode.INCIDENT_NOT_FOUND);
        problem.setProperty("incidentId", exception.getAggregateIdentifier());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalidValue(IllegalArgumentException exception) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                exception.getMessage());
        problem.setProperty("code", ErrorCode.INVALID_INPUT);
        return problem;
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
                                "value", Values.truncate(String.valueOf(error.getRejectedValue())),
                                "rule", String.valueOf(error.getDefaultMessage())))
                .toList();
        String summary = errors.stream()
                .map(error -> error.containsKey("value")
                        ? error.get("field") + " '" + error.get("value") + "' " + error.get("rule")
                        : error.get("field") + " is missing")
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                "Invalid request: " + summary + ".");
        problem.setProperty("code", ErrorCode.INVALID_INPUT);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (exception.getMostSpecificCause() instanceof RequestSizeFilter.BodyTooLargeException tooLarge) {
            ProblemDetail problem = problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Request body too large",
                    tooLarge.getMessage() + ". Shorten the text.");
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
        }
        String detail = describeUnreadableBody(exception);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
        problem.setProperty("code", ErrorCode.INVALID_INPUT);
        return ResponseEntity.badRequest().body(problem);
    }

    private static String describeUnreadableBody(HttpMessageNotReadableException exception) {
        Throwable cause = exception.getCause();
        if (cause == null) {
            return "The request body is missing: send a JSON object with the fields of this command.";
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Field '" + fieldPath(unknown) + "' is not known for this command; known fields: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ".";
        }
        if (cause instanceof InvalidFormatException invalid) {
            return "Field '" + fieldPath(invalid) + "' has the invalid value '"
                    + Values.truncate(String.valueOf(invalid.getValue())) + "'" + allowedValues(invalid.getTargetType())
                    + ".";
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            Class<?> target = mismatched.getTargetType();
            return "Field '" + fieldPath(mismatched) + "' has the wrong type" + (target == null ? "" : "; expected "
                    + (target.isEnum() ? "one of the names " + allowedValues(target).replace("; allowed values: ", "")
                    : target.getSimpleName())) + ".";
        }
        if (cause instanceof JsonProcessingException json) {
            JsonLocation location = json.getLocation();
            return "The request body is not valid JSON: " + Values.truncate(json.getOriginalMessage(), 200)
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column "
                    + location.getColumnNr() + ")") + ".";
        }
        return "The request body could not be read: " + Values.truncate(cause.getMessage(), 200) + ".";
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException exception,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String supported = exception.getSupportedMediaTypes().stream()
                .map(Object::toString)
                .collect(Collectors.joining(", "));
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported content type", "Content-Type '" + exception.getContentType()
                        + "' is not accepted here; send " + (supported.isEmpty() ? "application/json" : supported)
                        + ".");
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(problem);
    }

    private static String fieldPath(MismatchedInputException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String allowedValues(Class<?> type) {
        if (type != null && type.isEnum()) {
            return "; allowed values: " + Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return type == null ? "" : "; expected " + type.getSimpleName();
    }

    private static ProblemDetail fromRejection(CommandRejection rejection) {
        HttpStatus status = switch (rejection.code()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case INCIDENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INCIDENT_ALREADY_EXISTS, COMMAND_NOT_ALLOWED, OCCURRED_BEFORE_LAST_EVENT -> HttpStatus.CONFLICT;
            case VERSION_CONFLICT -> HttpStatus.PRECONDITION_FAILED;
            case NOT_PERMITTED -> HttpStatus.FORBIDDEN;
        };
        String type = rejection.code().name().toLowerCase().replace('_', '-');
        ProblemDetail problem = problem(status, type, titleOf(rejection.code()), rejection.message());
        problem.setProperty("code", rejection.code());
        problem.setProperty("incidentId", rejection.incidentId());
        problem.setProperty("command", rejection.command());
        problem.setProperty("state", rejection.state());
        problem.setProperty("allowedCommands", rejection.allowedCommands());
        log.warn("Rejected {} of incident {}: {}", rejection.command(), rejection.incidentId(), rejection.message());
        return problem;
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

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
