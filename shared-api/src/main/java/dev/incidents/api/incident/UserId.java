package dev.incidents.api.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** Login name of a person or of a system account such as {@code Siebel}. */
public record UserId(String value) {

    public static final int MAX_LENGTH = 100;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public UserId {
        Objects.requireNonNull(value, "user id is missing");
        Values.requireSingleLine("user id", value, MAX_LENGTH);
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
