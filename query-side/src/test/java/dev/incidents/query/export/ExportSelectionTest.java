package dev.incidents.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.query.web.InvalidRequestValueException;

/** Parses the filters that the CSV and the XES export share. */
class ExportSelectionTest {

    @Test
    void missingAndEmptyFiltersSelectEverything() {
        ExportSelection missing = ExportSelection.parse(null, null, null, null);
        ExportSelection empty = ExportSelection.parse("", " ", "", " ");

        assertThat(missing).isEqualTo(new ExportSelection(null, null, null, null));
        assertThat(empty).isEqualTo(missing);
    }

    @Test
    void dateMeansStartOfDayInUtc() {
        ExportSelection selection = ExportSelection.parse("2012-05-01", " 2012-05-02T12:30:00Z ", "V5 3rd", "closed");

        assertThat(selection.from()).isEqualTo(Instant.parse("2012-05-01T00:00:00Z"));
        assertThat(selection.to()).isEqualTo(Instant.parse("2012-05-02T12:30:00Z"));
        assertThat(selection.group()).isEqualTo(new SupportGroupId("V5 3rd"));
        assertThat(selection.state()).isEqualTo(IncidentState.CLOSED);
    }

    @Test
    void invalidValuesNameTheirParameter() {
        String[][] cases = {
                {"yesterday", null, null, null, "from"},
                {null, "2024-13-01T00:00:00Z", null, null, "to"},
                {null, null, "a\u0007b", null, "group"},
                {null, null, null, "OPENED", "state"},
                {"2024-03-02", "2024-03-02T00:00:00Z", null, null, "to"},
        };
        for (String[] row : cases) {
            InvalidRequestValueException failure = catchThrowableOfType(InvalidRequestValueException.class,
                    () -> ExportSelection.parse(row[0], row[1], row[2], row[3]));

            assertThat(failure).as("failure for %s", String.join(", ", String.valueOf(row[0]),
                    String.valueOf(row[1]), String.valueOf(row[2]), String.valueOf(row[3]))).isNotNull();
            assertThat(failure.getBody().getProperties()).as("parameter").containsEntry("parameter", row[4]);
        }
    }
}
