package dev.incidents.api.audit;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records as RFC 4180 describes them, one at a time: fields separated by commas, double-quoted fields
 * that may contain commas, line breaks and doubled quotes, and records ended by CRLF or LF. It also accepts a file
 * whose last record has no line end.
 */
public final class CsvReader {

    private final Reader in;
    private int line = 1;
    private int recordLine;
    private int peeked = -2;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /**
     * Returns the next record, or null at the end of the input.
     *
     * @throws IllegalArgumentException when a quoted field is not closed or a quote is followed by other text
     */
    public List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"' && field.isEmpty()) {
                c = readQuoted(field);
            }
            if (c == ',' ) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == -1) {
                fields.add(field.toString());
                line += c == '\n' ? 1 : 0;
                return fields;
            } else if (c == '\r' && peek() == '\n') {
                read();
                fields.add(field.toString());
                line++;
                return fields;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    /** Returns the line number, counted from 1, on which the record last returned by {@link #next()} starts. */
    public int recordLine() {
        return recordLine;
    }

    /** Reads a quoted field after its opening quote and returns the character after the closing quote. */
    private int readQuoted(StringBuilder field) throws IOException {
        int startLine = line;
        while (true) {
            int c = read();
            if (c == -1) {
                throw new IllegalArgumentException("invalid CSV: the quoted field that starts on line " + startLine
                        + " is not closed");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    field.append('"');
                    continue;
                }
                int after = read();
                if (after != ',' && after != '\n' && after != '\r' && after != -1) {
                    throw new IllegalArgumentException("invalid CSV on line " + line + ": a closing quote must be"
                            + " followed by a comma or a line end, found '" + (char) after + "'");
                }
                return after;
            }
            if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }
}
