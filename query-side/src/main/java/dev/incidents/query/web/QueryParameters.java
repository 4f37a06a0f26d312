package dev.incidents.query.web;

import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import dev.incidents.api.incident.Values;

/**
 * Checks the query parameter names of a request. Spring joins a repeated parameter into one comma-separated value
 * and ignores an unknown one, so {@code group=NET&group=DB} would filter by the group "NET,DB" and a misspelled
 * {@code groupby} would silently change nothing.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * Rejects any query parameter, for an endpoint that reads none.
     *
     * @throws InvalidRequestValueException naming the first parameter in alphabetical order
     */
    public static void check(HttpServletRequest request) {
        check(request, Set.of());
    }

    /**
     * Rejects a parameter outside {@code allowed} and a parameter given more than once.
     *
     * @throws InvalidRequestValueException naming the first such parameter in alphabetical order
     */
    public static void check(HttpServletRequest request, Set<String> allowed) {
        Set<String> sortedAllowed = new TreeSet<>(allowed);
        for (String name : new TreeSet<>(request.getParameterMap().keySet())) {
            String[] values = request.getParameterValues(name);
            if (!allowed.contains(name)) {
                String fix = sortedAllowed.isEmpty() ? "this endpoint takes no query parameters, so leave it out"
                        : "use only " + String.join(", ", sortedAllowed);
                throw new InvalidRequestValueException(name, values.length == 0 ? "" : values[0], "unknown query"
                        + " parameter '" + Values.truncate(name) + "': " + fix).withAllowed(sortedAllowed);
            }
            if (values.length > 1) {
                throw new InvalidRequestValueException(name, String.join(",", values), "invalid query parameter '"
                        + name + "', given " + values.length + " times: give " + name + " once, and use one request"
                        + " for each value");
            }
        }
    }
}
