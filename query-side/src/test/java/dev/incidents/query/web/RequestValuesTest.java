package dev.incidents.query.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Page and size parameters take ASCII digits only, as a client means them. */
class RequestValuesTest {

    @Test
    void asciiDigitsAreParsed() {
        assertThat(RequestValues.page("12")).isEqualTo(12);
        assertThat(RequestValues.page(" 3 ")).isEqualTo(3);
        assertThat(RequestValues.size("50")).isEqualTo(50);
    }

    @Test
    void otherDigitsAndSignsAreRejected() {
        // A full-width 1, Arabic-Indic digits 1 and 5, Devanagari 10, and a plus sign.
        for (String value : new String[] {"\uFF11", "\u0661\u0665", "\u0967\u0966", "+1"}) {
            assertThatThrownBy(() -> RequestValues.page(value))
                    .as("page '%s'", value)
                    .isInstanceOf(InvalidRequestValueException.class)
                    .hasMessageContaining("not an integer");
        }
    }

    @Test
    void negativePageIsOutOfRange() {
        assertThatThrownBy(() -> RequestValues.page("-1"))
                .isInstanceOf(InvalidRequestValueException.class)
                .hasMessageContaining("out of range");
    }
}
