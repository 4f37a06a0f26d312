package dev.incidents.access.problem;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.incidents.api.error.ErrorCode;

/**
 * Problem details in the format both servers share: a stable {@code code} property, upper case with underscores,
 * and a {@code type} of {@code /problems/} followed by the code in lower case with hyphens. Business codes come from
 * {@link ErrorCode}; the codes of HTTP-level failures are defined here.
 */
public final class Problems {

    /** No endpoint has the requested path (HTTP 404). */
    public static final String RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND";
    /** The request has no valid credentials (HTTP 401). */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** The request body is over the size limit (HTTP 413). */
    public static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";
    /** The request headers are over the size limit (HTTP 400 from Tomcat, 431 where the server decides). */
    public static final String HEADERS_TOO_LARGE = "HEADERS_TOO_LARGE";
    /** The request failed on the server for a reason the client cannot fix (HTTP 500). */
    public static final String SERVER_ERROR = "SERVER_ERROR";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, ErrorCode code, String title, String detail) {
        return of(status, code.name(), title, detail);
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        identify(problem, code);
        return problem;
    }

    /** Sets the {@code code} property and the matching {@code type} of a problem. */
    public static void identify(ProblemDetail problem, String code) {
        problem.setType(URI.create(typeOf(code)));
        problem.setProperty("code", code);
    }

    /** Returns true when the problem has a {@code code} property already. */
    public static boolean hasCode(ProblemDetail problem) {
        return problem.getProperties() != null && problem.getProperties().containsKey("code");
    }

    /** Returns the {@code type} that goes with a code, such as {@code /problems/not-permitted}. */
    public static String typeOf(String code) {
        return "/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the code of a failure known only by its status: {@code INVALID_INPUT} for 400,
     * {@code UNAUTHENTICATED} for 401, {@code NOT_PERMITTED} for 403, {@code RESOURCE_NOT_FOUND} for 404,
     * {@code BODY_TOO_LARGE} for 413, {@code HEADERS_TOO_LARGE} for 431, {@code SERVER_ERROR} for 500, and
     * otherwise the status name, such as {@code METHOD_NOT_ALLOWED}.
     */
    public static String codeFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null) {
            return "HTTP_" + status;
        }
        return switch (known) {
            case BAD_REQUEST -> ErrorCode.INVALID_INPUT.name();
            case UNAUTHORIZED -> UNAUTHENTICATED;
            case FORBIDDEN -> ErrorCode.NOT_PERMITTED.name();
            case NOT_FOUND -> RESOURCE_NOT_FOUND;
            case PAYLOAD_TOO_LARGE -> BODY_TOO_LARGE;
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> HEADERS_TOO_LARGE;
            case INTERNAL_SERVER_ERROR -> SERVER_ERROR;
            default -> known.name();
        };
    }
}
