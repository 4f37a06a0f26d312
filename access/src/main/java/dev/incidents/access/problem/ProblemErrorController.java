package dev.incidents.access.problem;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.incidents.api.incident.Values;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes every response that reaches the servlet error page as a problem detail, in place of Spring Boot's
 * {@code BasicErrorController} and its JSON of {@code timestamp}, {@code status}, {@code error} and {@code path}.
 * Requests get here when a filter or the container sends an error status or raises an exception outside Spring MVC.
 * The body names the status and the path, never the exception, which goes to the log.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ObjectMapper objectMapper;

    public ProblemErrorController(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uriAttribute = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        // A request for the error page itself, without an error, gets the response for an unknown path.
        int status = statusAttribute instanceof Integer code ? code : HttpStatus.NOT_FOUND.value();
        String path = Values.truncate(uriAttribute instanceof String uri ? uri : request.getRequestURI());
        String target = request.getMethod() + " " + path;

        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable failure) {
            log.error("Request {} failed with status {}", target, status, failure);
        } else {
            log.warn("Request {} got status {} outside the API's handlers", target, status);
        }

        ProblemDetail problem = Problems.of(HttpStatusCode.valueOf(status), Problems.codeFor(status), title(status),
                detail(status, target));
        problem.setProperty("value", path);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    private static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Request failed" : known.getReasonPhrase();
    }

    private static String detail(int status, String target) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null) {
            return "The request " + target + " was rejected with status " + status + ".";
        }
        return switch (known) {
            case BAD_REQUEST -> "The request " + target + " is invalid and was rejected before it reached the API."
                    + " Percent-encode each path segment as UTF-8 without semicolons, encoded periods, slashes or"
                    + " control characters, and check the parameters and headers.";
            case UNAUTHORIZED -> "Authentication is required for " + target + ": send valid credentials.";
            case FORBIDDEN -> "The request " + target + " is not permitted for this user.";
            case NOT_FOUND -> "No endpoint has the path of " + target + ". Check the path against the API in the"
                    + " README.";
            case METHOD_NOT_ALLOWED -> "The method of " + target + " is not supported for this path.";
            case PAYLOAD_TOO_LARGE -> "The body of " + target + " is over the size limit. Send a shorter body.";
            case UNSUPPORTED_MEDIA_TYPE -> "The content type of " + target + " is not accepted. Send"
                    + " application/json.";
            default -> status >= 500
                    ? "The request " + target + " failed on the server; the server log has the cause. Retry later."
                    : "The request " + target + " was rejected with status " + status + ".";
        };
    }
}
