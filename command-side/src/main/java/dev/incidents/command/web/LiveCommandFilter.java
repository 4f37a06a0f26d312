package dev.incidents.command.web;

import dev.incidents.command.importer.LiveCommandTraffic;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Counts the live commands in progress: every request that changes an incident, from arrival until its response is
 * written, so that imports give way to them ({@link LiveCommandTraffic}). Reads and uploads of logs are not counted.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LiveCommandFilter extends OncePerRequestFilter {

    private final LiveCommandTraffic traffic;

    LiveCommandFilter(LiveCommandTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean change = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method)
                || "DELETE".equals(method);
        return !change || !request.getRequestURI().startsWith("/api/incidents");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        traffic.started();
        try {
            chain.doFilter(request, response);
        } finally {
            traffic.finished();
        }
    }
}
