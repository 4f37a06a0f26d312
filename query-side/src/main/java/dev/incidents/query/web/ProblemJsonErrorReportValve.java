package dev.incidents.query.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.incidents.api.incident.Values;

/**
 * Writes the error responses that Tomcat sends itself, before any servlet runs, as problem details instead of an
 * HTML page. Tomcat 10.1 rejects such requests while it parses the request line, for example a path with
 * {@code %00}, an invalid percent-encoding or bytes that are not UTF-8, and then only this valve of the host
 * handles them.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemJsonErrorReportValve.class);

    private static final ObjectMapper JSON = new ObjectMapper();

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
        log.warn("Rejected request {} with status {} before it reached the application: {}", Values.truncate(path),
                status, response.getMessage());
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem(status, path)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.warn("Could not write the problem detail of rejected request {}", Values.truncate(path), e);
        }
    }

    private static Map<String, Object> problem(int status, String path) {
        String code = Problems.codeFor(status);
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.typeOf(code));
        problem.put("title", status == HttpStatus.BAD_REQUEST.value() ? "Invalid request path"
                : known == null ? "Request rejected" : known.getReasonPhrase());
        problem.put("status", status);
        if (status == HttpStatus.BAD_REQUEST.value()) {
            problem.put("detail", "The request path '" + Values.truncate(path) + "' is not a valid URI: it contains "
                    + "an encoded control character such as %00, an invalid percent-encoding, or bytes that are not "
                    + "UTF-8. Percent-encode each path segment as UTF-8 and leave out control characters.");
            problem.put("parameter", "path");
            problem.put("value", Values.truncate(path));
        } else {
            problem.put("detail", "The server rejected the request before reading it (status " + status + ").");
        }
        problem.put("code", code);
        return problem;
    }
}
