package dev.incidents.command.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;

/**
 * Reads an instant only from an ISO-8601 string such as {@code "2024-01-31T10:15:30Z"}. A number, which Jackson
 * would read as seconds since the epoch, or a blank string is an error, so a wrong unit never passes as a time.
 */
final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {

    StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getText();
        if (text.isBlank()) {
            return (Instant) context.handleWeirdStringValue(Instant.class, text, "a time must not be blank");
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
