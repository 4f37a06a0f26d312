package dev.incidents.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.access.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Rejects a request that carries more than one {@code Content-Type} header with 415. The servlet container would
 * pass on only the first, so the body could be read as a type the client did not mean, and RFC 9110 allows the
 * header once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ContentTypeHeaderFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ContentTypeHeaderFilter.class);

    private final ObjectMapper objectMapper;

    ContentTypeHeaderFilter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> contentTypes = Collections.list(request.getHeaders(HttpHeaders.CONTENT_TYPE));
        if (contentTypes.size() <= 1) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("Rejected {} {} with {} Content-Type headers", request.getMethod(), request.getRequestURI(),
                contentTypes.size());
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ProblemDetailsAdvice.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type", "The request has "
                        + contentTypes.size() + " Content-Type headers, so its content type is ambiguous. Send one"
                        + " Content-Type header, such as application/json.");
        response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
