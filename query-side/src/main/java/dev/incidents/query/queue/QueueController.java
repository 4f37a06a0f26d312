package dev.incidents.query.queue;

import java.time.Clock;

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
import dev.incidents.query.web.RequestValues;

/**
 * REST access to the role queues. Every endpoint takes the 0-based {@code page} and the {@code size} (default 20,
 * maximum 200) query parameters, and returns only the incidents the caller may read. With {@code asOf} (an ISO-8601
 * instant, not in the future) and optionally {@code timeAxis} ({@code business}, the default, or {@code recorded}) it
 * returns the queue as it was at that instant.
 */
@RestController
@RequestMapping("/api/queues")
class QueueController {

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
    QueuePage serviceDesk(@RequestParam(name = "page", required = false) String page,
                          @RequestParam(name = "size", required = false) String size,
                          @RequestParam(name = "asOf", required = false) String asOf,
                          @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        return fetch(QueueKind.SERVICE_DESK, null, page, size, asOf, timeAxis);
    }

    @GetMapping("/groups/{group}")
    QueuePage supportGroup(@PathVariable("group") String group,
                           @RequestParam(name = "page", required = false) String page,
                           @RequestParam(name = "size", required = false) String size,
                           @RequestParam(name = "asOf", required = false) String asOf,
                           @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        String groupId = RequestValues.supportGroup("group", group).value();
        return fetch(QueueKind.SUPPORT_GROUP, groupId, page, size, asOf, timeAxis);
    }

    @GetMapping("/assignees/{user}")
    QueuePage assignee(@PathVariable("user") String user,
                       @RequestParam(name = "page", required = false) String page,
                       @RequestParam(name = "size", required = false) String size,
                       @RequestParam(name = "asOf", required = false) String asOf,
                       @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        return fetch(QueueKind.ASSIGNEE, RequestValues.user("user", user).value(), page, size, asOf, timeAxis);
    }

    @GetMapping("/requesters/{user}")
    QueuePage requester(@PathVariable("user") String user,
                        @RequestParam(name = "page", required = false) String page,
                        @RequestParam(name = "size", required = false) String size,
                        @RequestParam(name = "asOf", required = false) String asOf,
                        @RequestParam(name = "timeAxis", required = false) String timeAxis) {
        return fetch(QueueKind.REQUESTER, RequestValues.user("user", user).value(), page, size, asOf, timeAxis);
    }

    private QueuePage fetch(QueueKind queue, String subject, String page, String size, String asOf,
                            String timeAxis) {
        AsOfParameters instant = AsOfParameters.parse(asOf, timeAxis, clock);
        FetchQueuePageQuery query = new FetchQueuePageQuery(queue, subject, RequestValues.page(page),
                RequestValues.size(size), currentCaller.get());
        Object request = instant == null ? query : new FetchQueuePageAsOfQuery(query, instant.asOf(), instant.axis());
        return queryGateway.query(request, ResponseTypes.instanceOf(QueuePage.class)).join();
    }
}
