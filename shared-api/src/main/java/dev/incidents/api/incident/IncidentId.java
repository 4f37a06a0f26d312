package dev.incidents.api.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifier of an incident: a source system's number (for example a BPIC 2013 SR number) or a generated UUID.
 * {@link #toString()} returns the raw value because Axon stores it as the aggregate identifier.
 */
public record IncidentId(String value) {

    /** Letters, digits and {@code . _ : -}, starting with a letter or digit, at most 64 characters. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IncidentId {
        Objects.requireNonNull(value, "incident id is missing");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid incident id '" + Values.truncate(value)
                    + "': use 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
