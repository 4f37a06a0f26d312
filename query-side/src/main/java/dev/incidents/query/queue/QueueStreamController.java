package dev.incidents.query.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.api.query.QueueKind;
import dev.incidents.api.query.QueuePage;
import dev.incidents.query.web.RequestValues;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Streams a live role queue as server-sent events: an event {@value #EVENT} with the requested page at once, and
 * another with the page read again after each processor batch that changed one of the queue's sections. Each page
 * is the result of the same {@link FetchQueuePageQuery} as {@code GET /api/queues/...}, so the stream has the same
 * authorization and visibility. A caller who may not read the queue gets the same 403 problem before any event.
 */
@RestController
@RequestMapping("/api/queues")
class QueueStreamController {

    /** Name of every event of the stream. Its data is a {@link QueuePage} as JSON. */
    static final String EVENT = "page";

    /** Time to wait for the first page. A slower query side fails the request with 500. */
    private static final Duration INITIAL_PAGE_TIMEOUT = Duration.ofSeconds(30);
    /** Updates within this time are read as one page, so a busy batch stream costs one read per period. */
    private static final Duration UPDATE_COALESCING = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(QueueStreamController.class);

    private final QueryGateway queryGateway;
    private final CurrentCaller currentCaller;
    private final Duration streamTimeout;
    private final OpenQueueStreams openStreams;

    QueueStreamController(QueryGateway queryGateway, CurrentCaller currentCaller,
                          @Value("${incidents.queues.stream-timeout:PT30M}") Duration streamTimeout,
                          OpenQueueStreams openStreams) {
        this.queryGateway = queryGateway;
        this.currentCaller = currentCaller;
        this.streamTimeout = streamTimeout;
        this.openStreams = openStreams;
    }

    @GetMapping(path = "/service-desk/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter serviceDesk(@RequestParam(name = "page", required = false) String page,
                           @RequestParam(name = "size", required = false) String size) {
        return stream(QueueKind.SERVICE_DESK, null, page, size);
    }

    @GetMapping(path = "/groups/{group}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter supportGroup(@PathVariable("group") String group,
                            @RequestParam(name = "page", required = false) String page,
                            @RequestParam(name = "size", required = false) String size) {
        return stream(QueueKind.SUPPORT_GROUP, RequestValues.supportGroup("group", group).value(), page, size);
    }

    @GetMapping(path = "/assignees/{user}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter assignee(@PathVariable("user") String user,
                        @RequestParam(name = "page", required = false) String page,
                        @RequestParam(name = "size", required = false) String size) {
        return stream(QueueKind.ASSIGNEE, RequestValues.user("user", user).value(), page, size);
    }

    @GetMapping(path = "/requesters/{user}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter requester(@PathVariable("user") String user,
                         @RequestParam(name = "page", required = false) String page,
                         @RequestParam(name = "size", required = false) String size) {
        return stream(QueueKind.REQUESTER, RequestValues.user("user", user).value(), page, size);
    }

    /**
     * Opens the subscription query, waits for its first page and starts the stream. The caller is resolved here, on
     * the request thread, because the later pages are read on Axon's threads.
     */
    private SseEmitter stream(QueueKind queue, String subject, String page, String size) {
        FetchQueuePageQuery query = new FetchQueuePageQuery(queue, subject, RequestValues.page(page),
                RequestValues.size(size), currentCaller.get());
        SubscriptionQueryResult<QueuePage, QueueChanged> subscription = queryGateway.subscriptionQuery(query,
                ResponseTypes.instanceOf(QueuePage.class), ResponseTypes.instanceOf(QueueChanged.class));

        QueuePage first;
        try {
            first = subscription.initialResult().block(INITIAL_PAGE_TIMEOUT);
        } catch (RuntimeException e) {
            // A rejection reaches the problem details handler as it would for GET, before any event is sent.
            subscription.cancel();
            throw e;
        }

        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        AtomicLong eventId = new AtomicLong();
        send(emitter, eventId, first);
        Disposable updates = subscription.updates()
                .sample(UPDATE_COALESCING)
                .concatMap(change -> Mono.fromFuture(() -> queryGateway.query(query,
                        ResponseTypes.instanceOf(QueuePage.class))))
                .subscribe(next -> send(emitter, eventId, next),
                        failure -> {
                            log.warn("Stream of the {} queue {} of user {} ended after a failure", queue, subject,
                                    query.caller().user(), failure);
                            emitter.completeWithError(failure);
                        },
                        emitter::complete);
        Runnable close = () -> {
            updates.dispose();
            subscription.cancel();
            openStreams.remove(emitter);
        };
        openStreams.add(emitter);
        emitter.onCompletion(close);
        emitter.onTimeout(emitter::complete);
        emitter.onError(failure -> close.run());
        log.info("Streaming the {} queue {} to user {}", queue, subject == null ? "" : subject,
                query.caller().user());
        return emitter;
    }

    private static void send(SseEmitter emitter, AtomicLong eventId, QueuePage page) {
        try {
            emitter.send(SseEmitter.event()
                    .id(String.valueOf(eventId.incrementAndGet()))
                    .name(EVENT)
                    .data(page, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            // The client went away or the stream already ended: closing the emitter cancels the subscription.
            log.debug("Queue stream closed while sending a page: {}", e.toString());
            emitter.completeWithError(e);
        }
    }
}
