package dev.incidents.command.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Shows progress lines. On a terminal each update rewrites one line in place. Elsewhere a line is printed at most
 * once per interval, so that logs of long replays stay short.
 */
final class ProgressPrinter {

    /** Carriage return, then the ANSI sequence that erases the rest of the line. */
    private static final String REWRITE_PREFIX = "\r";
    private static final String ERASE_TO_END = "\u001b[K";

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long lastPrintNanos;
    private boolean printedAny;
    private boolean lineOpen;

    ProgressPrinter(PrintStream out, boolean terminal, Duration interval, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    ProgressPrinter(PrintStream out, boolean terminal, Duration interval) {
        this(out, terminal, interval, System::nanoTime);
    }

    /** Shows {@code line} now on a terminal, or if the interval has passed since the last printed line. */
    void update(String line) {
        if (terminal) {
            out.print(REWRITE_PREFIX + line + ERASE_TO_END);
            out.flush();
            lineOpen = true;
            return;
        }
        long now = nanoClock.getAsLong();
        if (!printedAny || now - lastPrintNanos >= intervalNanos) {
            out.println(line);
            lastPrintNanos = now;
            printedAny = true;
        }
    }

    /** Prints {@code line} whatever the interval, and ends the line being rewritten on a terminal. */
    void finish(String line) {
        if (terminal) {
            out.println(REWRITE_PREFIX + line + ERASE_TO_END);
        } else {
            out.println(line);
        }
        lineOpen = false;
        printedAny = false;
    }

    /** Ends the line being rewritten, so that a following message starts on a line of its own. */
    void breakLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }
}
