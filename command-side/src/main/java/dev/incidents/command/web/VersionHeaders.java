package dev.incidents.command.web;

import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.Values;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The incident version in HTTP: every command response carries it as a strong {@code ETag} such as {@code "15"},
 * and a command sent with {@code If-Match} applies only while the incident is still at that version.
 */
@RestControllerAdvice
class VersionHeaders implements ResponseBodyAdvice<Object> {

    /** A weak entity tag in {@code If-Match}, which never matches: the precondition fails (HTTP 412). */
    static final class WeakEntityTagException extends RuntimeException {
        WeakEntityTagException(String ifMatch) {
            super("If-Match '" + Values.truncate(ifMatch) + "' is a weak entity tag, and If-Match compares entity"
                    + " tags strongly, so a weak tag never matches (RFC 9110, section 13.1.1). Send the ETag of the"
                    + " incident as read, such as \"15\", without W/.");
        }
    }

    /**
     * Returns the version named by an {@code If-Match} header, null when the header is absent or {@code *}.
     *
     * @throws WeakEntityTagException    for a weak tag such as {@code W/"15"}
     * @throws IllegalArgumentException for a value that is not one version number
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            throw new WeakEntityTagException(tag);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version < 0) {
                throw new NumberFormatException("negative");
            }
            return version;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("If-Match '" + Values.truncate(ifMatch)
                    + "' is not an incident version: send the ETag of the incident as read, such as \"15\"");
        }
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof IncidentStatus status && status.version() >= 0) {
            response.getHeaders().set(HttpHeaders.ETAG, "\"" + status.version() + "\"");
        }
        return body;
    }
}
