package dev.incidents.access.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.access.problem.Problems;
import dev.incidents.api.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.util.stream.Collectors;

/** Writes 401 and 403 responses as RFC 9457 problem details, with the challenge header of the security mode on 401. */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final ObjectMapper objectMapper;
    private final SecurityMode mode;

    ProblemResponses(ObjectMapper objectMapper, SecurityMode mode) {
        this.objectMapper = objectMapper;
        this.mode = mode;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        String target = request.getMethod() + " " + request.getRequestURI();
        String detail;
        if (exception instanceof BadCredentialsException) {
            detail = "The user name or password is wrong for " + target + ". Check them; bin/incidents credentials"
                    + " lists the generated demo users.";
            log.warn("Rejected the credentials sent with {}", target);
        } else if (exception instanceof OAuth2AuthenticationException oauth) {
            detail = "The bearer token sent with " + target + " was rejected: "
                    + oauth.getError().getDescription() + ". Send a valid, unexpired token.";
            log.warn("Rejected the bearer token sent with {}: {}", target, oauth.getError().getDescription());
        } else {
            detail = "Authentication is required for " + target + ": send "
                    + (mode == SecurityMode.JWT ? "an Authorization: Bearer token" : "HTTP Basic credentials of a"
                    + " user (bin/incidents credentials lists the generated demo users)") + ".";
            log.debug("Rejected {} without credentials", target);
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge(exception));
        write(response, HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED, "Authentication required", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String user = authentication == null ? "anonymous" : authentication.getName();
        String roles = authentication == null ? "" : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(authority -> authority.startsWith("ROLE_") ? authority.substring(5) : authority)
                .sorted()
                .collect(Collectors.joining(", "));
        String target = request.getMethod() + " " + request.getRequestURI();
        log.warn("Denied {} to user {} with roles [{}]", target, user, roles);
        write(response, HttpStatus.FORBIDDEN, ErrorCode.NOT_PERMITTED.name(), "Not permitted for this user",
                "User '" + user + "' with the roles [" + roles + "] may not send " + target
                        + ". docs/security.md lists what each role may do.");
    }

    private String challenge(AuthenticationException exception) {
        if (mode == SecurityMode.BASIC) {
            return "Basic realm=\"incidents\"";
        }
        if (exception instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription() == null ? ""
                    : ", error_description=\"" + oauth.getError().getDescription().replace("\"", "'") + "\"";
            return "Bearer error=\"" + oauth.getError().getErrorCode() + "\"" + description;
        }
        return "Bearer";
    }

    private void write(HttpServletResponse response, HttpStatus status, String code, String title, String detail)
            throws IOException {
        ProblemDetail problem = Problems.of(status, code, title, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
