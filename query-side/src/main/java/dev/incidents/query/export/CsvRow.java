package dev.incidents.query.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV records as RFC 4180 describes them: fields separated by commas, records ended by CRLF, and a field
 * quoted when it contains a comma, a double quote, CR or LF, with each double quote inside doubled. A null field is
 * written empty.
 */
final class CsvRow {

    private CsvRow() {
    }

    static void write(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(out, fields.get(i));
        }
        out.write("\r\n");
    }

    private static void writeField(Writer out, String field) throws IOException {
        if (field == null) {
            return;
        }
        boolean quoted = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0
                || field.indexOf('\n') >= 0;
        if (!quoted) {
            out.write(field);
            return;
        }
        out.write('"');
        out.write(field.replace("\"", "\"\""));
        out.write('"');
    }
}
