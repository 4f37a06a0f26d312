package dev.incidents.access.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.incidents.api.incident.Values;

/**
 * Writes the error responses that Tomcat sends itself, before any servlet runs, as problem details instead of an
 * HTML page. Tomcat 10.1 rejects such requests while it parses the request line and the headers, for example a path
 * with {@code %00}, an invalid percent-encoding or bytes that are not UTF-8, or headers over
 * {@code server.max-http-request-header-size}, and then only this valve of the host handles them.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemJsonErrorReportValve.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The message of the exception Tomcat's HTTP/1.1 parser raises for request headers over the limit, in the
     * language Tomcat uses for it. Tomcat sends 400 and gives no other sign of this cause.
     */
    private static final String HEADERS_TOO_LARGE_MESSAGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // The same preconditions as the HTML report: an error status, nothing written yet, and not reported before.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }

        String path = request.getCoyoteRequest().requestURI().toString();
        Map<String, Object> problem;
        if (headersTooLarge(throwable)) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value();
            response.setStatus(status);
            problem = headersTooLarge(path);
        } else if (status == HttpStatus.BAD_REQUEST.value() && throwable == null) {
            problem = invalidPath(path);
        } else if (status == HttpStatus.BAD_REQUEST.value()) {
            problem = malformedRequest(path);
        } else {
            problem = rejected(status);
        }
        log.warn("Rejected request {} with status {} before it reached the application: {}", Values.truncate(path),
                status, throwable == null ? response.getMessage() : throwable.toString());
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.warn("Could not write the problem detail of rejected request {}", Values.truncate(path), e);
        }
    }

    private static boolean headersTooLarge(Throwable throwable) {
        return throwable instanceof IllegalArgumentException
                && HEADERS_TOO_LARGE_MESSAGE.equals(throwable.getMessage());
    }

    /** Describes a path that Tomcat could not decode, which Tomcat rejects itself, without an exception. */
    private static Map<String, Object> invalidPath(String path) {
        Map<String, Object> problem = start(HttpStatus.BAD_REQUEST.value(), "Invalid request path");
        problem.put("detail", "The request path '" + Values.truncate(path) + "' is not a valid URI: it contains an"
                + " encoded control character such as %00, an invalid percent-encoding, bytes that are not UTF-8, or"
                + " '..' segments that lead above the root. Percent-encode each path segment as UTF-8 and leave out"
                + " control characters and '..' segments.");
        problem.put("parameter", "path");
        problem.put("value", Values.truncate(path));
        return problem;
    }

    /** Describes a request line or header that Tomcat's parser rejected, such as one with a raw brace in the path. */
    private static Map<String, Object> malformedRequest(String path) {
        Map<String, Object> problem = start(HttpStatus.BAD_REQUEST.value(), "Malformed request");
        problem.put("detail", "The request could not be parsed: its request line or a header contains characters"
                + " that HTTP does not allow there. Percent-encode the path and the query as UTF-8, and send header"
                + " values of visible ASCII characters.");
        if (!path.isEmpty()) {
            problem.put("value", Values.truncate(path));
        }
        return problem;
    }

    private static Map<String, Object> headersTooLarge(String path) {
        Map<String, Object> problem = start(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value(),
                "Request headers too large");
        problem.put("detail", "The request headers of " + (path.isEmpty() ? "the request" : Values.truncate(path))
                + " are over the server's limit, so the request was not read. Send shorter headers, such as"
                + " credentials of normal size.");
        return problem;
    }

    private static Map<String, Object> rejected(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = start(status, known == null ? "Request rejected" : known.getReasonPhrase());
        problem.put("detail", "The server rejected the request before reading it (status " + status + ").");
        return problem;
    }

    private static Map<String, Object> start(int status, String title) {
        String code = Problems.codeFor(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.typeOf(code));
        problem.put("title", title);
        problem.put("status", status);
        problem.put("code", code);
        return problem;
    }
}
