package dev.incidents.api.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** Name of a support group, such as {@code SERVICE-DESK} or the BPIC 2013 team {@code V5 3rd}. */
public record SupportGroupId(String value) {

    public static final int MAX_LENGTH = 100;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SupportGroupId {
        Objects.requireNonNull(value, "support group is missing");
        Values.requireSingleLine("support group", value, MAX_LENGTH);
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
