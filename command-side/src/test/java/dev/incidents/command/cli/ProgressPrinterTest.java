package dev.incidents.command.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressPrinterTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void terminalRewritesOneLine() {
        ProgressPrinter printer = new ProgressPrinter(out, true, Duration.ofSeconds(5), nanos::get);

        printer.update("a");
        printer.update("b");
        printer.finish("done");

        assertThat(output()).isEqualTo("\ra\u001b[K\rb\u001b[K\rdone\u001b[K" + System.lineSeparator());
    }

    @Test
    void linesModePrintsAtMostOncePerInterval() {
        ProgressPrinter printer = new ProgressPrinter(out, false, Duration.ofSeconds(5), nanos::get);

        printer.update("first");
        nanos.set(Duration.ofSeconds(4).toNanos());
        printer.update("too early");
        nanos.set(Duration.ofSeconds(5).toNanos());
        printer.update("second");
        printer.finish("done");

        assertThat(output().lines()).containsExactly("first", "second", "done");
    }

    @Test
    void breakLineEndsAnOpenTerminalLineOnce() {
        ProgressPrinter printer = new ProgressPrinter(out, true, Duration.ofSeconds(5), nanos::get);

        printer.update("a");
        printer.breakLine();
        printer.breakLine();

        assertThat(output()).isEqualTo("\ra\u001b[K" + System.lineSeparator());
    }

    @Test
    void breakLineInLinesModePrintsNothing() {
        ProgressPrinter printer = new ProgressPrinter(out, false, Duration.ofSeconds(5), nanos::get);

        printer.update("a");
        printer.breakLine();

        assertThat(output().lines()).containsExactly("a");
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
