package dev.incidents.command.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.incidents.api.incident.Values;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Describes why a request body could not be read, in the terms of the JSON the client sent: the field, the value
 * where Jackson reports it, and the rule. The messages never name a Java class, because the client never sees one.
 */
final class UnreadableBodies {

    private UnreadableBodies() {
    }

    static String describe(HttpMessageNotReadableException exception) {
        Throwable cause = exception.getCause();
        if (cause == null) {
            return "The request body is missing: send a JSON object with the fields of this command.";
        }
        if (cause instanceof JsonProcessingException json && rootValuesRead(json) > 1) {
            return "The request body has content after the JSON object" + position(json) + ": send exactly one"
                    + " JSON object.";
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Field '" + fieldPath(unknown) + "' is not known for this command; known fields: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ".";
        }
        if (cause instanceof MismatchedInputException mismatched && mismatched.getPath().isEmpty()) {
            return "The request body must be a JSON object with the fields of this command, not "
                    + tokenKind(mismatched) + ".";
        }
        if (cause instanceof InvalidFormatException invalid) {
            return "Field '" + fieldPath(invalid) + "' has the invalid value '"
                    + TextCharacters.escape(Values.truncate(String.valueOf(invalid.getValue()))) + "'; expected "
                    + expected(invalid.getTargetType(), fieldPath(invalid)) + ".";
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return "Field '" + fieldPath(mismatched) + "' has the wrong type; expected "
                    + expected(mismatched.getTargetType(), fieldPath(mismatched)) + ".";
        }
        if (cause instanceof JsonProcessingException json) {
            return "The request body is not valid JSON: " + Values.truncate(json.getOriginalMessage(), 200)
                    + position(json) + ".";
        }
        return "The request body could not be read: send a JSON object with the fields of this command.";
    }

    /**
     * Returns how many values the parser had started at the top level when it failed: 2 or more means the failure
     * is in content after the first value.
     */
    private static int rootValuesRead(JsonProcessingException exception) {
        if (!(exception.getProcessor() instanceof JsonParser parser) || parser.getParsingContext() == null) {
            return 0;
        }
        JsonStreamContext context = parser.getParsingContext();
        while (!context.inRoot()) {
            context = context.getParent();
        }
        return context.getEntryCount();
    }

    private static String tokenKind(MismatchedInputException exception) {
        JsonToken token = exception.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
        if (token == null) {
            return "empty";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "another kind of JSON value";
        };
    }

    /**
     * Describes the JSON that a field of {@code type} takes. Jackson reports only the raw type of a collection, so
     * the opening hours of a calendar, lists of interval strings, are recognised by their field path.
     */
    private static String expected(Class<?> type, String fieldPath) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            return "one of the names " + Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number without quotes, such as 4";
        }
        if (type == Instant.class) {
            return "an ISO-8601 time in a string, such as \"2024-01-31T10:15:30Z\"";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number without quotes, such as 0.75";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return fieldPath.startsWith("openingHours.")
                    ? "an array of \"HH:mm-HH:mm\" strings, such as [\"09:00-17:00\"]"
                    : "an array";
        }
        return "a JSON object";
    }

    private static String fieldPath(MismatchedInputException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String position(JsonProcessingException exception) {
        JsonLocation location = exception.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
