package dev.incidents.query.queue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The queue streams that are open, ended when the query side stops. A stream is an async request that lasts until
 * its timeout (30 minutes by default), so graceful shutdown would otherwise wait its whole grace period for them.
 * This bean keeps the default phase, which Spring stops before the web server's graceful shutdown begins.
 *
 * <p>NOTE: in most runs of WebConsoleIntegrationTest, one stream whose browser had left still kept graceful
 * shutdown waiting its full 30 seconds after {@link SseEmitter#complete()}, also when a failed write had ended it
 * with {@code complete()} in place of {@code completeWithError}. The cause is not known.
 */
@Component
class OpenQueueStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OpenQueueStreams.class);

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    void add(SseEmitter emitter) {
        emitters.add(emitter);
    }

    /** Forgets a stream that has ended; its owner calls this from the emitter's completion and error callbacks. */
    void remove(SseEmitter emitter) {
        emitters.remove(emitter);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!emitters.isEmpty()) {
            log.info("Ending {} open queue streams before shutdown", emitters.size());
        }
        for (SseEmitter emitter : emitters) {
            emitter.complete();
        }
        emitters.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
