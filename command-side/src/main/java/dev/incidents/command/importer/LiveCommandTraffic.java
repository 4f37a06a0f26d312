package dev.incidents.command.importer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Gives live commands precedence over imports. While a live command runs, or ran within the last second, the
 * workers of all imports send one command at a time instead of one each. An import of years of history then leaves
 * more processor time to live work. Without live commands an import runs at full speed.
 */
@Component
public class LiveCommandTraffic {

    private static final Logger log = LoggerFactory.getLogger(LiveCommandTraffic.class);
    /** How long after the last live command the imports stay on one command at a time. */
    static final Duration QUIET_AFTER = Duration.ofSeconds(1);

    private final AtomicInteger running = new AtomicInteger();
    private final long quietAfterNanos;
    private volatile long lastFinishedNanos;
    /** The one command slot that import workers share while live commands run. */
    private final Semaphore importSlot = new Semaphore(1, true);
    private final boolean enabled;
    private volatile boolean yielding;

    @Autowired
    LiveCommandTraffic(ImportProperties properties) {
        this(properties.yieldToLiveCommands(), QUIET_AFTER);
    }

    LiveCommandTraffic(boolean enabled, Duration quietAfter) {
        this.enabled = enabled;
        this.quietAfterNanos = quietAfter.toNanos();
        this.lastFinishedNanos = System.nanoTime() - quietAfterNanos;
    }

    /** Records that a live command started; call {@link #finished()} when its response is written. */
    public void started() {
        running.incrementAndGet();
    }

    public void finished() {
        lastFinishedNanos = System.nanoTime();
        running.decrementAndGet();
    }

    /** Sends one imported command, on the shared slot while live commands run. */
    <T> T sendImported(Supplier<T> send) {
        if (!enabled || !liveRecently()) {
            noteYielding(false);
            return send.get();
        }

        noteYielding(true);
        importSlot.acquireUninterruptibly();
        try {
            return send.get();
        } finally {
            importSlot.release();
        }
    }

    boolean liveRecently() {
        return running.get() > 0 || System.nanoTime() - lastFinishedNanos < quietAfterNanos;
    }

    private void noteYielding(boolean now) {
        if (yielding != now) {
            yielding = now;
            log.info(now ? "Live commands are running: imports send one command at a time"
                    : "No live commands for {} ms: imports run at full speed again", quietAfterNanos / 1_000_000);
        }
    }
}
