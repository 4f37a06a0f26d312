package dev.incidents.access.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.access.problem.Problems;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.Values;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.util.Set;

/**
 * Writes the rejections of Spring Security's firewall as 400 problem details with the code {@code INVALID_INPUT},
 * naming the request path. The firewall checks each request before authentication, and without this handler it sends
 * a plain 400 error without a problem detail.
 */
final class RejectedRequestProblems implements RequestRejectedHandler {

    /** The methods Spring Security's firewall lets through by default. */
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT",
            "PATCH", "DELETE", "OPTIONS");

    private static final Logger log = LoggerFactory.getLogger(RejectedRequestProblems.class);

    private final ObjectMapper objectMapper;

    RejectedRequestProblems(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException exception) throws IOException {
        // The firewall's message may quote a header value, such as an Authorization header, so it is neither logged
        // nor sent back.
        String path = Values.truncate(request.getRequestURI());
        log.warn("The firewall rejected {} {}", request.getMethod(), path);

        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT, "Invalid request",
                firewallDetail(request.getMethod(), path));
        problem.setProperty("value", path);

        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /** Names the likely cause: the firewall also rejects methods other than the standard ones. */
    private static String firewallDetail(String method, String path) {
        if (!STANDARD_METHODS.contains(method)) {
            return "The request method " + Values.truncate(method) + " is not allowed; use GET for reads and POST"
                    + " for commands.";
        }
        return "The request " + method + " " + path + " was rejected before authentication: its path, a header or a"
                + " parameter contains text that Spring Security's firewall does not allow, such as an encoded slash"
                + " (%2F), backslash (%5C), period (%2E) or percent sign (%25), a semicolon, a '..' segment or a"
                + " control character. Send each path segment percent-encoded as UTF-8 without these.";
    }
}
