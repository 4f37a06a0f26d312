package dev.incidents.query.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.incidents.api.error.ErrorCode;

/**
 * Problem details in the format both servers share: a stable {@code code} property, upper case with underscores,
 * and a {@code type} of {@code /problems/} followed by the code in lower case with hyphens. Codes that the command
 * side also sends come from {@link ErrorCode}; the others are defined here.
 */
public final class Problems {

    /** A query failed on the server (HTTP 500). */
    public static final String QUERY_FAILED = "QUERY_FAILED";
    /** No endpoint has the requested path (HTTP 404). */
    public static final String RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND";

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

    /** Returns the {@code type} that goes with a code, such as {@code /problems/not-permitted}. */
    public static String typeOf(String code) {
        return "/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the code of a failure known only by its status: {@code INVALID_INPUT} for 400,
     * {@code RESOURCE_NOT_FOUND} for 404, {@code QUERY_FAILED} for 500, and otherwise the status name, such as
     * {@code METHOD_NOT_ALLOWED}.
     */
    public static String codeFor(int status) {
        if (status == HttpStatus.BAD_REQUEST.value()) {
            return ErrorCode.INVALID_INPUT.name();
        }
        if (status == HttpStatus.NOT_FOUND.value()) {
            return RESOURCE_NOT_FOUND;
        }
        if (status == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            return QUERY_FAILED;
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "HTTP_" + status : known.name();
    }
}
