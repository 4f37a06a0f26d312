package dev.incidents.api.audit;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws Exception {
        CsvReader reader = new CsvReader(new StringReader("a,\"b,\"\"c\"\"\r\nd\",\r\nnext,row"));

        assertThat(reader.next()).containsExactly("a", "b,\"c\"\r\nd", "");
        assertThat(reader.recordLine()).isEqualTo(1);
        assertThat(reader.next()).containsExactly("next", "row");
        assertThat(reader.recordLine()).isEqualTo(3);
        assertThat(reader.next()).isNull();
    }

    @Test
    void lineFeedEndsRecord() throws Exception {
        CsvReader reader = new CsvReader(new StringReader("x\ny\n"));

        assertThat(reader.next()).containsExactly("x");
        assertThat(reader.next()).containsExactly("y");
        assertThat(reader.recordLine()).isEqualTo(2);
        assertThat(reader.next()).isNull();
    }

    @Test
    void unclosedQuoteIsRejected() {
        CsvReader reader = new CsvReader(new StringReader("a\r\n\"open,field"));

        assertThatThrownBy(() -> {
            reader.next();
            reader.next();
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    @Test
    void textAfterClosingQuoteIsRejected() {
        CsvReader reader = new CsvReader(new StringReader("\"a\"b,c"));

        assertThatThrownBy(reader::next).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b'");
    }
}
