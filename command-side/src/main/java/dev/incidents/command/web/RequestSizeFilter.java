package dev.incidents.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.access.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Rejects command bodies over {@code incidents.http.max-body-bytes} (default 1 MiB) with 413, before any of it
 * is parsed. Uploads of incident logs under {@code /api/imports} are streamed to disk and are not limited here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final ObjectMapper objectMapper;

    RequestSizeFilter(@Value("${incidents.http.max-body-bytes:1048576}") long maxBodyBytes,
                      ObjectMapper objectMapper) {
        this.maxBodyBytes = maxBodyBytes;
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/incidents") || path.startsWith("/api/service-levels"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            ProblemDetail problem = tooLarge(declared + " bytes");
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            objectMapper.writeValue(response.getOutputStream(), problem);
            return;
        }
        // A chunked body declares no length: count it while it is read.
        chain.doFilter(new LimitedBodyRequest(request, maxBodyBytes), response);
    }

    ProblemDetail tooLarge(String size) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.BODY_TOO_LARGE, "Request body too large",
                "The request body (" + size + ") is over the limit of " + maxBodyBytes
                        + " bytes. Shorten the text, or attach long material elsewhere and refer to it.");
    }

    /** Thrown while reading a body that grows past the limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("the request body is over the limit of " + limit + " bytes");
        }
    }

    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long limit;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream input = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public boolean isFinished() {
                    return input.isFinished();
                }

                @Override
                public boolean isReady() {
                    return input.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    input.setReadListener(listener);
                }

                @Override
                public int read() throws IOException {
                    int next = input.read();
                    count(next < 0 ? 0 : 1);
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int count = input.read(buffer, offset, length);
                    count(Math.max(count, 0));
                    return count;
                }

                private void count(int bytes) throws BodyTooLargeException {
                    read += bytes;
                    if (read > limit) {
                        throw new BodyTooLargeException(limit);
                    }
                }
            };
        }
    }
}
