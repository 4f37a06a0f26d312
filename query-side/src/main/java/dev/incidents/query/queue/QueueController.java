package dev.incidents.query.queue;

import java.time.Clock;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.api.query.QueueKind;
import dev.incidents.api.query.QueuePage;
import dev.incidents.query.web.QueryParameters;
import dev.incidents.query.web.RequestValues;

/**
 * REST access to the role queues. Every endpoint takes the 0-based {@code page} and the {@code size} (default 20,
 * maximum 200) query parameters, and returns only the incidents the caller may read. With {@code asOf} (an ISO-8601
 * instant, not in the future) and optionally {@code timeAxis} ({@code business}, the default, or {@code recorded}) it
 * returns the queue as it was at that instant. Any other query parameter, and any parameter given twice, gets 400.
 */
@RestController
@RequestMapping("/api/queues")
class QueueController {

    /** Query parameters of every queue endpoint; any other gets 400, as does one given twice. */
    static final Set<String> PARAMETERS = Set.of("page", "size", "asOf", "timeAxis");

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    @Autowired
    QueueController(QueryGateway queryGateway, CurrentCaller currentCaller) {
        this(queryGateway, currentCaller, Clock.systemUTC());
    }

    QueueController(QueryGateway queryGateway, CurrentCaller currentCaller, Clock clock) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @GetMapping("/service-desk")
    QueuePage serviceDesk(HttpServletRequest request,
                          @RequestParam(name = "page", required = false) String page,
                          @RequestParam(name = "size", required = false) String size,
                          @RequestParam(name = "asOf", required = false) String asOf,
                          @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        return fetch(request, QueueKind.SERVICE_DESK, null, page, size, asOf, timeAxis);
    }

    @GetMapping("/groups/{group}")
    QueuePage supportGroup(HttpServletRequest request,
                           @PathVariable("group") String group,
                           @RequestParam(name = "page", required = false) String page,
                           @RequestParam(name = "size", required = false) String size,
                           @RequestParam(name = "asOf", required = false) String asOf,
                           @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        String groupId = RequestValues.supportGroup("group", group).value();
        return fetch(request, QueueKind.SUPPORT_GROUP, groupId, page, size, asOf, timeAxis);
    }

    @GetMapping("/assignees/{user}")
    QueuePage assignee(HttpServletRequest request,
                       @PathVariable("user") String user,
                       @RequestParam(name = "page", required = false) String page,
                       @RequestParam(name = "size", required = false) String size,
                       @RequestParam(name = "asOf", required = false) String asOf,
                       @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        String userId = RequestValues.user("user", user).value();
        return fetch(request, QueueKind.ASSIGNEE, userId, page, size, asOf, timeAxis);
    }

    @GetMapping("/requesters/{user}")
    QueuePage requester(HttpServletRequest request,
                        @PathVariable("user") String user,
                        @RequestParam(name = "page", required = false) String page,
                        @RequestParam(name = "size", required = false) String size,
                        @RequestParam(name = "asOf", required = false) String asOf,
                        @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        String userId = RequestValues.user("user", user).value();
        return fetch(request, QueueKind.REQUESTER, userId, page, size, asOf, timeAxis);
    }

    private QueuePage fetch(HttpServletRequest request, QueueKind queue, String subject, String page, String size,
                            String asOf, String timeAxis) {
        QueryParameters.check(request, PARAMETERS);
        AsOfParameters instant = AsOfParameters.parse(asOf, timeAxis, clock);
        FetchQueuePageQuery query = new FetchQueuePageQuery(queue, subject, RequestValues.page(page),
                RequestValues.size(size), currentCaller.get());
        Object message = instant == null ? query : new FetchQueuePageAsOfQuery(query, instant.asOf(), instant.axis());
        return queryGateway.query(message, ResponseTypes.instanceOf(QueuePage.class)).join();
    }
}
