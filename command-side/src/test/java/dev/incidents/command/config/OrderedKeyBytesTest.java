package dev.incidents.command.config;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderedKeyBytesTest {

    private static final boolean[] ASCENDING = {false};
    private static final boolean[] DESCENDING = {true};

    @Test
    void textsSortAsServerSortsThem() {
        List<Object> texts = List.of("", "\u0000", "\u0000a", "a", "a\u0000", "a\u0000b", "ab", "abc", "B", "Z", "é",
                "\u0100", "\uE000", "\uFFFF", "\uD83D\uDE00", "NET", "NET-2", "SERVICE-DESK");

        assertOrder(texts);
    }

    @Test
    void numbersSortByValue() {
        List<Object> numbers = List.of(-1e300, -1e10, -2, -1.5, -1L, -0.25, 0, -0.0, 0.25, 1, 1.0, 2L, 2.5, 1e10,
                1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

        assertOrder(numbers);
    }

    @Test
    void instantsSortByTime() {
        List<Object> instants = List.of(Instant.parse("1969-12-31T23:59:59.999Z"), Instant.EPOCH,
                Instant.parse("1970-01-01T00:00:00.000000001Z"), Instant.parse("2012-04-01T08:00:00Z"),
                Instant.parse("2012-04-01T08:00:00.001Z"), Instant.parse("2031-01-01T00:00:00Z"),
                Instant.parse("1900-01-01T00:00:00Z"));

        assertOrder(instants);
    }

    @Test
    void typesSortInServerOrder() {
        List<Object> values = Arrays.asList(null, -3, 7.5, "", "P1 - Critical", false, true,
                Instant.parse("2012-04-01T08:00:00Z"));

        assertOrder(values);
    }

    @Test
    void compositeKeysSortFieldByField() {
        boolean[] directions = {false, true};
        List<List<Object>> keys = List.of(List.of("P1", 3.0), List.of("P1", 2.0), List.of("P1", -1.0),
                List.of("P1\u0000", 9.0), List.of("P2", 5.0), List.of("P2", 1.0), List.of("P3", 0.0));

        for (int first = 0; first < keys.size(); first++) {
            for (int second = 0; second < keys.size(); second++) {
                int expected = Integer.compare(first, second);
                int actual = Arrays.compareUnsigned(OrderedKeyBytes.of(keys.get(first), directions),
                        OrderedKeyBytes.of(keys.get(second), directions));
                assertThat(Integer.signum(actual)).as("%s against %s", keys.get(first), keys.get(second))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void sortedValuesFoundAfterTextsAndInvertedFields() {
        byte[] key = OrderedKeyBytes.of(List.of("NET", "a\u0000b", 2.0, Instant.EPOCH, true),
                new boolean[] {false, true, false, true, false}, "INC-1");
        byte[] prefix = OrderedKeyBytes.of(List.of("NET"), ASCENDING);

        assertThat(OrderedKeyBytes.sortedValues(key, prefix.length, 4)).isTrue();
        assertThat(OrderedKeyBytes.sortedValues(key, 0, 6)).as("the position, a text, counts too").isTrue();
        assertThat(OrderedKeyBytes.sortedValues(key, 0, 7)).as("beyond the key").isFalse();
    }

    @Test
    void unorderedTypesReported() {
        byte[] document = OrderedKeyBytes.of(List.of("NET", new Document("a", 1)), new boolean[2], "INC-1");
        byte[] array = OrderedKeyBytes.of(List.of(List.of(1, 2)), DESCENDING, "INC-1");
        byte[] largeLong = OrderedKeyBytes.of(List.of(Long.MAX_VALUE - 1), ASCENDING, "INC-1");

        assertThat(OrderedKeyBytes.sortedValues(document, 0, 2)).isFalse();
        assertThat(OrderedKeyBytes.sortedValues(document, 0, 1)).as("the text before it").isTrue();
        assertThat(OrderedKeyBytes.sortedValues(array, 0, 1)).isFalse();
        assertThat(OrderedKeyBytes.sortedValues(largeLong, 0, 1)).isFalse();
    }

    @Test
    void equalNumbersOfAnyTypeWriteSameBytes() {
        assertThat(OrderedKeyBytes.of(List.of(5), ASCENDING)).isEqualTo(OrderedKeyBytes.of(List.of(5L), ASCENDING))
                .isEqualTo(OrderedKeyBytes.of(List.of(5.0), ASCENDING));
        assertThat(OrderedKeyBytes.of(List.of(-0.0), DESCENDING)).isEqualTo(OrderedKeyBytes.of(List.of(0),
                DESCENDING));
    }

    /** Checks every pair of values, ascending and descending, against the server's own comparison. */
    private static void assertOrder(List<Object> values) {
        for (Object first : values) {
            for (Object second : values) {
                int expected = Integer.signum(ValueComparator.asc().compare(first, second));
                int ascending = Arrays.compareUnsigned(OrderedKeyBytes.of(Arrays.asList(first), ASCENDING),
                        OrderedKeyBytes.of(Arrays.asList(second), ASCENDING));
                int descending = Arrays.compareUnsigned(OrderedKeyBytes.of(Arrays.asList(first), DESCENDING),
                        OrderedKeyBytes.of(Arrays.asList(second), DESCENDING));
                assertThat(Integer.signum(ascending)).as("%s against %s ascending", first, second)
                        .isEqualTo(expected);
                assertThat(Integer.signum(descending)).as("%s against %s descending", first, second)
                        .isEqualTo(-expected);
            }
        }
    }
}
