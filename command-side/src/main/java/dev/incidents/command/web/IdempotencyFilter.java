package dev.incidents.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.access.problem.Problems;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.Values;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes commands safe to retry: a POST under {@code /api/incidents} sent with an {@code Idempotency-Key} header
 * runs once, and a retry with the same key and the same request gets the first response again, also after a
 * restart, with its status, body, {@code ETag} and {@code Location}. Each user has keys of their own. The same key
 * with a different request of the same user gets 422; a retry while the first request still runs gets 409.
 */
@Component
// After Spring Security's filter chain: only an authenticated caller may run or replay a request.
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 10)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    /** Request attribute with the user, key and request of a keyed request, from which a report takes its id. */
    static final String REQUEST_IDENTITY = IdempotencyFilter.class.getName() + ".requestIdentity";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    /** The key was sent before with another request (HTTP 422). */
    static final String KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    /** The first request with the key is still running (HTTP 409). */
    static final String REQUEST_RUNNING = "REQUEST_STILL_RUNNING";

    private static final int MAX_KEY_LENGTH = 200;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1," + MAX_KEY_LENGTH + "}");

    private final IdempotencyStore store;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Duration retention;

    IdempotencyFilter(IdempotencyStore store, ObjectMapper objectMapper, Clock clock,
                      @Value("${incidents.idempotency.retention:P1D}") Duration retention) {
        this.store = store;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/incidents")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (Collections.list(request.getHeaders(HEADER)).size() > 1) {
            writeProblem(response, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT.name(), "Invalid Idempotency-Key",
                    "The request has more than one " + HEADER + " header: send exactly one.");
            return;
        }
        if (!KEY.matcher(key).matches()) {
            writeProblem(response, HttpStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT.name(), "Invalid Idempotency-Key",
                    HEADER + " " + describeInvalid(key) + ": use 1 to 200 visible ASCII characters, such as a UUID.");
            return;
        }
        CachedBodyRequest cached;
        try {
            cached = CachedBodyRequest.of(request);
        } catch (RequestSizeFilter.BodyTooLargeException e) {
            writeProblem(response, HttpStatus.PAYLOAD_TOO_LARGE, Problems.BODY_TOO_LARGE, "Request body too large",
                    e.getMessage() + ".");
            return;
        }
        String fingerprint = fingerprint(request, cached.body());
        String user = userOf();
        String scopedKey = scoped(user, key);

        Optional<IdempotencyStore.StoredResponse> earlier = store.find(scopedKey);
        if (earlier.isPresent()) {
            replayOrReject(key, user, fingerprint, earlier.get(), response);
            return;
        }
        if (!store.claim(scopedKey, fingerprint, clock.instant())) {
            replayOrReject(key, user, fingerprint, store.find(scopedKey).orElseThrow(), response);
            return;
        }

        // A report retried after a crash gets the same incident id, so it cannot create the incident twice.
        cached.setAttribute(REQUEST_IDENTITY, scopedKey + ":" + fingerprint);
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(cached, recorded);
        } finally {
            finish(key, user, scopedKey, recorded);
        }
    }

    private void finish(String key, String user, String scopedKey, ContentCachingResponseWrapper recorded)
            throws IOException {
        int status = recorded.getStatus();
        if (status >= 500) {
            store.release(scopedKey);
            log.warn("Request of {} with idempotency key {} failed with {}; the key is free for a retry", user, key,
                    status);
        } else {
            String body = new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8);
            store.complete(scopedKey, status, recorded.getContentType(), recorded.getHeader(HttpHeaders.ETAG),
                    recorded.getHeader(HttpHeaders.LOCATION), body);
        }
        recorded.copyBodyToResponse();
    }

    private void replayOrReject(String key, String user, String fingerprint, IdempotencyStore.StoredResponse earlier,
                                HttpServletResponse response) throws IOException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            writeProblem(response, HttpStatus.UNPROCESSABLE_ENTITY, KEY_REUSED, "Idempotency-Key reused",
                    HEADER + " '" + key + "' was used for a different request. Use a new key for a new request.");
            return;
        }
        if (earlier.status() == null) {
            writeProblem(response, HttpStatus.CONFLICT, REQUEST_RUNNING, "Request still running",
                    "The first request with " + HEADER + " '" + key + "' is still running. Retry in a moment.");
            return;
        }
        log.info("Replaying the response to the request of {} with idempotency key {}", user, key);
        response.setStatus(earlier.status());
        if (earlier.contentType() != null) {
            response.setContentType(earlier.contentType());
        }
        if (earlier.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, earlier.etag());
        }
        if (earlier.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, earlier.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.getOutputStream().write(earlier.body().getBytes(StandardCharsets.UTF_8));
    }

    @Scheduled(fixedDelayString = "${incidents.idempotency.cleanup-interval:PT1H}")
    void deleteExpiredKeys() {
        int deleted = store.deleteOlderThan(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("Deleted {} idempotency keys older than {}", deleted, retention);
        }
    }

    /**
     * Returns the stored form of a user's key: a hash of both, so each user has keys of their own and the stored form
     * fits the column whatever the length of the user name.
     */
    private static String scoped(String user, String key) {
        MessageDigest digest = sha256();
        digest.update((user + "\n" + key).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        MessageDigest digest = sha256();
        // If-Match belongs to the request: a retry with another expected version is another request.
        digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString()
                + "\n" + request.getHeader(HttpHeaders.IF_MATCH) + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String userOf() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : authentication.getName();
    }

    /**
     * Describes why a key is invalid without echoing characters outside visible ASCII: Tomcat reads header bytes as
     * ISO-8859-1, so such a character is one byte of the client's encoding, not the character the client sent.
     */
    private static String describeInvalid(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return "is " + key.length() + " characters long";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                String character = c <= 0xff ? String.format("the byte 0x%02X", (int) c)
                        : String.format("U+%04X", (int) c);
                return "contains " + character + " at position " + i + ", which is not visible ASCII";
            }
        }
        return "'" + Values.truncate(key) + "' is invalid";
    }

    private void writeProblem(HttpServletResponse response, HttpStatus status, String code, String title,
                              String detail) throws IOException {
        ProblemDetail problem = Problems.of(status, code, title, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
