package dev.incidents.command.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A malformed XES log is refused with the line, the column and the reason, on one line. */
class XesTraceReaderTest {

    @TempDir
    Path folder;

    @Test
    void unclosedElementNamesLineAndColumn() throws IOException {
        Path log = Files.writeString(folder.resolve("broken.xes"), """
                <log>
                  <trace>
                    <event><string key="concept:name" value="Accepted"></event>
                  </trace>
                </log>
                """);
        List<SourceTrace> traces = new ArrayList<>();

        assertThatThrownBy(() -> XesTraceReader.readTraces(log, traces::add))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("The uploaded file is not a readable XES log: line 3, column ")
                .hasMessageContaining("\"string\"")
                .hasMessageNotContaining("ParseError")
                .hasMessageNotContaining("\n");
        assertThat(traces).isEmpty();
    }

    @Test
    void truncatedGzipNamesTheCompression() throws IOException {
        StringBuilder xes = new StringBuilder("<log>\n");
        for (int trace = 0; trace < 2_000; trace++) {
            xes.append("<trace><string key=\"concept:name\" value=\"INC").append(trace).append("\"/>")
                    .append("<event><string key=\"concept:name\" value=\"Accepted\"/></event></trace>\n");
        }
        xes.append("</log>\n");
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(xes.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = compressed.toByteArray();
        Path log = Files.write(folder.resolve("cut.xes.gz"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> XesTraceReader.readTraces(log, trace -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the file ends before its compressed data does");
    }

    @Test
    void textWithoutXmlIsRefused() throws IOException {
        Path log = Files.writeString(folder.resolve("notes.xes"), "incident,state\nINC1,NEW\n");

        assertThatThrownBy(() -> XesTraceReader.countRecords(log))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("The uploaded file is not a readable XES log: line 1, column ")
                .hasMessageEndingWith("upload a complete XES log, such as the file as published.");
    }
}
